package io.telops.contracts.provisioning;

import java.time.Instant;
import java.util.Optional;

/**
 * A config fetch was refused. The phone got the same answer whatever the reason; the reason is only
 * here, for operators: {@code no-credentials}, {@code bad-credentials}, {@code unknown-device},
 * {@code disabled}, {@code user-agent-mismatch}, {@code mac-locked}, {@code address-not-allowed},
 * {@code throttled}.
 */
public record AuthFailed(String mac, String fileName, String clientIp, Optional<String> userAgent, String reason,
                         Instant occurredAt) implements ProvisioningEvent {
}
