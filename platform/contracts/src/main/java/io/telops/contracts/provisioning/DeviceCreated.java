package io.telops.contracts.provisioning;

import java.time.Instant;
import java.util.Optional;

/**
 * A device was added. {@code templateId} is the Kazoo-style id ({@code ui/snom/7xx/715});
 * {@code pinnedVersion} is present when the device is pinned to one template version.
 */
public record DeviceCreated(String mac, String brand, String family, String model, Optional<String> siteId,
                            String templateId, Optional<Integer> pinnedVersion, int lineCount, boolean enabled,
                            boolean macLock, Instant occurredAt) implements ProvisioningEvent {
}
