package io.telops.dashboard.devices;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.quarkus.qute.TemplateData;

/**
 * One device as the view shows it. The record fields come from the last created/changed event ({@code recordAt});
 * a device known only from its fetches has none of them. {@code currentVersion} is the version it should run: its
 * pinned version, or else the newest version of its template that any device fetched.
 */
@TemplateData
public record DeviceView(String mac, Optional<String> brand, Optional<String> family, Optional<String> model,
                         Optional<String> siteId, Optional<String> templateId, Optional<Integer> pinnedVersion,
                         Optional<Integer> currentVersion, Optional<Integer> lineCount, Optional<Boolean> enabled,
                         Optional<Boolean> macLock, String status, String statusReason, Optional<LastFetch> lastFetch,
                         long fetchCount, long recentAuthFailures, Optional<Instant> lastAuthFailureAt,
                         Optional<String> lastAuthFailureReason, Optional<Instant> recordAt, Instant firstSeenAt,
                         Instant updatedAt, Optional<Resync> resync, Optional<RenderFailure> renderFailure) {

    /** The latest re-sync an operator asked for; {@code pending} until the device fetches its config after it. */
    @TemplateData
    public record Resync(String requestedBy, Instant at, boolean pending) {
    }

    /**
     * The latest file that could not be rendered for the device; {@code open} until a successful fetch after it.
     * {@code missingSettings}: the template's placeholders nobody set.
     */
    @TemplateData
    public record RenderFailure(Instant at, String fileName, Optional<String> reason, List<String> missingSettings, boolean open) {
        public String missingText() {
            return missingSettings.isEmpty() ? "—" : String.join(", ", missingSettings);
        }
    }

    /** "phone.cfg (tpl v3)": which file the last fetch got, rendered from which template version. */
    public String fetchedFileText() {
        return lastFetch.map(f -> f.fileName() + " (" + f.templateId() + " v" + f.templateVersion() + ")").orElse("—");
    }

    /** The newest config fetch: when, from where, by which phone software, and which template version it got. */
    @TemplateData
    public record LastFetch(Instant at, String clientIp, Optional<String> userAgent, String fileName, String templateId,
                            int templateVersion, String status) {
    }

    public String macDisplay() {
        return String.join(":", mac.split("(?<=\\G..)"));
    }

    public String modelText() {
        String text = Stream.of(brand, family, model).flatMap(Optional::stream).collect(Collectors.joining(" / "));
        return text.isEmpty() ? "—" : text;
    }

    public String siteText() {
        return siteId.orElse("—");
    }

    public String templateText() {
        return templateId.orElse("—") + pinnedVersion.map(v -> " (pinned v" + v + ")").orElse("");
    }

    public String currentVersionText() {
        return currentVersion.map(v -> "v" + v).orElse("—");
    }

    public String fetchedVersionText() {
        return lastFetch.map(f -> "v" + f.templateVersion()).orElse("—");
    }

    public String lastFetchAtText() {
        return lastFetch.map(f -> f.at().toString()).orElse("never");
    }

    public String lastFetchIpText() {
        return lastFetch.map(LastFetch::clientIp).orElse("—");
    }

    public String userAgentText() {
        return lastFetch.flatMap(LastFetch::userAgent).orElse("—");
    }

    public String fetchStatusText() {
        return lastFetch.map(LastFetch::status).orElse("—");
    }
}
