package io.telops.contracts.provisioning;

import java.time.Instant;
import java.util.Optional;

/**
 * An operator asked a device to fetch its configuration again. A PBX-side consumer can send the phone a SIP NOTIFY
 * (Event: check-sync) to its registered contact; the device is marked until its next fetch. {@code requestedBy} is the
 * operator's login; {@code brand} lets the consumer pick the vendor's NOTIFY flavour.
 */
public record DeviceResyncRequested(String mac, String brand, Optional<String> sipUsername, String requestedBy,
        Instant occurredAt) implements ProvisioningEvent {
}
