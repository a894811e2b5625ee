package io.telops.contracts.provisioning;

import java.time.Instant;

/**
 * What provisioning-service reports about a device: its lifecycle, each config file a phone fetched,
 * and refused fetches. Published on {@code telops.provisioning-events}, keyed by the device MAC
 * (12 upper-case hex digits).
 */
public sealed interface ProvisioningEvent permits DeviceCreated, DeviceChanged, DeviceDeleted, ConfigFetched, AuthFailed,
        DeviceResyncRequested, ConfigRenderFailed {
    String mac();

    Instant occurredAt();
}
