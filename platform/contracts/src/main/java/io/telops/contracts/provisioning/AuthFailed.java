package io.telops.contracts.provisioning;

import java.time.Instant;
import java.util.Optional;

/**
 * A config fetch was refused. The phone got the same answer whatever the reason; the reason is only
 * here, for operators: one of {@link Reason}'s wire names. Consumers should accept reasons they do not
 * know yet (a later producer may add one) and treat them as a refusal.
 */
public record AuthFailed(String mac, String fileName, String clientIp, Optional<String> userAgent, String reason,
                         Instant occurredAt) implements ProvisioningEvent {

    /** Every reason a producer may send; the schema's {@code reason} enum lists the same names. */
    public enum Reason {
        NO_CREDENTIALS("no-credentials"),
        BAD_CREDENTIALS("bad-credentials"),
        /** A trusted TLS client certificate named another device (or no single MAC). */
        CERTIFICATE_MISMATCH("certificate-mismatch"),
        UNKNOWN_DEVICE("unknown-device"),
        DISABLED("disabled"),
        USER_AGENT_MISMATCH("user-agent-mismatch"),
        MAC_LOCKED("mac-locked"),
        ADDRESS_NOT_ALLOWED("address-not-allowed"),
        THROTTLED("throttled");

        private final String wire;

        Reason(String wire) {
            this.wire = wire;
        }

        /** The name in the event body. */
        public String wire() {
            return wire;
        }
    }
}
