package io.telops.provisioning.device;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A device as the admin API shows it: never a stored password, only whether one is set. The generated
 * provisioning and admin passwords appear once, in the create response. {@code missingSettings} lists the
 * placeholders its template needs and nothing sets (absent in lists, which do not render each device).
 * {@code resyncRequestedAt} is set while a re-sync request waits for the device's next successful config fetch.
 */
public record DeviceView(String mac, String brand, String family, String model, Optional<String> siteId,
                         int expansionModules, String templateId, Optional<Integer> pinnedVersion, String provUsername,
                         Optional<String> generatedProvPassword, Optional<String> generatedAdminPassword,
                         Optional<String> timezone, Optional<String> firmwareUrl,
                         List<LineView> lines, List<KeyRecord> keys, Map<String, String> settings, boolean enabled,
                         boolean macLock, Optional<String> lockedAddress, Optional<Instant> unlockedUntil,
                         Optional<Instant> lastFetchAt, Optional<String> lastFetchIp, Optional<String> lastUserAgent,
                         Optional<Integer> lastTemplateVersion, Optional<String> lastStatus, Instant updatedAt,
                         Optional<List<String>> missingSettings, Optional<String> lastFetchFile,
                         Optional<Instant> resyncRequestedAt, Optional<String> resyncRequestedBy) {

    public record LineView(int position, String sipUser, String authUser, boolean hasPassword, String registrar,
                           int registrarPort, String displayName, String label) {
    }
}
