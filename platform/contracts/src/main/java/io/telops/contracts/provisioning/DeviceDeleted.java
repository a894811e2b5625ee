package io.telops.contracts.provisioning;

import java.time.Instant;

/** A device was removed; its config is no longer served. */
public record DeviceDeleted(String mac, Instant occurredAt) implements ProvisioningEvent {
}
