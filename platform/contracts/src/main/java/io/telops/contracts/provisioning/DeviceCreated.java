package io.telops.contracts.provisioning;

import java.time.Instant;
import java.util.Optional;

/**
 * A device was added. {@code templateId} is the Kazoo-style id ({@code ui/snom/7xx/715});
 * {@code pinnedVersion} is present when the device is pinned to one template version; {@code templateVersion} is the
 * version its config renders from now (the pinned one, else the template's latest), absent while the template has none.
 */
public record DeviceCreated(String mac, String brand, String family, String model, Optional<String> siteId,
                            String templateId, Optional<Integer> pinnedVersion, Optional<Integer> templateVersion,
                            int lineCount, boolean enabled,
                            boolean macLock, Instant occurredAt) implements ProvisioningEvent {
}
