package io.telops.contracts.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A device's record changed; {@code changed} names the fields (e.g. lines, keys, pinnedVersion, unlocked). A new version
 * of the template a device follows is announced per device with {@code changed = [templateVersion]}; {@code templateVersion}
 * is the version its config renders from now (as in {@link DeviceCreated}).
 */
public record DeviceChanged(String mac, String brand, String family, String model, Optional<String> siteId,
                            String templateId, Optional<Integer> pinnedVersion, Optional<Integer> templateVersion,
                            int lineCount, boolean enabled,
                            boolean macLock, List<String> changed, Instant occurredAt) implements ProvisioningEvent {
}
