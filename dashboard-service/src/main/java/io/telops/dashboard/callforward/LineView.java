package io.telops.dashboard.callforward;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import io.quarkus.qute.TemplateData;

/**
 * A forwarding line as call-forward-service last described it, with its numbers and its newest call. A line only
 * named by calls so far (its line-changed not applied yet) has status {@code unknown} and no name.
 */
@TemplateData
public record LineView(String lineId, Optional<String> name, Optional<String> owner, String status,
                       List<NumberView> numbers, Optional<String> sipEndpoint, Optional<String> mobile,
                       Optional<String> ringStrategy, Optional<Boolean> voicemailEnabled, Optional<Long> version,
                       Optional<LastCall> lastCall) {
    public static final String UNKNOWN = "unknown";

    /** The line's page, its id encoded as one path segment. */
    public String href() {
        return href(lineId);
    }

    static String href(String lineId) {
        return "/call-forward/lines/" + URLEncoder.encode(lineId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** "2026-11-25T09:00:00Z from +4930123 · voicemail", or empty when the line had no call yet. */
    public String lastCallText() {
        return lastCall.map(c -> c.at() + " from " + c.fromText() + " · " + c.outcomeText()).orElse("");
    }

    public String ringText() {
        return ringStrategy.orElse("");
    }

    public String nameText() {
        return name.orElse(lineId);
    }

    public String ownerText() {
        return owner.orElse("");
    }

    public String sipText() {
        return sipEndpoint.orElse("");
    }

    public String mobileText() {
        return mobile.orElse("");
    }
}
