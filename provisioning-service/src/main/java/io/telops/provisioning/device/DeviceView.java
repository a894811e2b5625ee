package io.telops.provisioning.device;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A device as the admin API shows it: never a password, only whether one is set. */
public record DeviceView(String mac, String brand, String family, String model, Optional<String> siteId,
                         int expansionModules, String templateId, Optional<Integer> pinnedVersion, String provUsername,
                         Optional<String> generatedProvPassword, Optional<String> timezone, Optional<String> firmwareUrl,
                         List<LineView> lines, List<KeyRecord> keys, Map<String, String> settings, boolean enabled,
                         boolean macLock, Optional<String> lockedAddress, Optional<Instant> unlockedUntil,
                         Optional<Instant> lastFetchAt, Optional<String> lastFetchIp, Optional<String> lastUserAgent,
                         Optional<Integer> lastTemplateVersion, Optional<String> lastStatus, Instant updatedAt) {

    public record LineView(int position, String sipUser, String authUser, boolean hasPassword, String registrar,
                           int registrarPort, String displayName, String label) {
    }
}
