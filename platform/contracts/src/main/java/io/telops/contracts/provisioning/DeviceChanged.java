package io.telops.contracts.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A device's record changed; {@code changed} names the fields (e.g. lines, keys, pinnedVersion, unlocked). */
public record DeviceChanged(String mac, String brand, String family, String model, Optional<String> siteId,
                            String templateId, Optional<Integer> pinnedVersion, int lineCount, boolean enabled,
                            boolean macLock, List<String> changed, Instant occurredAt) implements ProvisioningEvent {
}
