package io.telops.vats.tls;

import java.time.Duration;
import java.time.Instant;

/** The outcome of one TLS handshake with the cabinet's host. */
public sealed interface TlsHandshake {
    /** {@code ok}, {@code not_applicable}, {@code pending} or a failure reason. */
    String state();

    boolean up();

    /** One line for logs, health and the API. */
    String detail();

    /** The handshake completed; nothing was sent over it. */
    record Established(String endpoint, String protocol, String cipherSuite, boolean legacySuite, String peerSubject,
                       Instant peerNotAfter, Duration took) implements TlsHandshake {
        @Override
        public String state() {
            return "ok";
        }

        @Override
        public boolean up() {
            return true;
        }

        @Override
        public String detail() {
            return endpoint + ": " + protocol + " " + cipherSuite + (legacySuite ? " (legacy opt-in)" : "") + ", peer " + peerSubject
                    + " valid until " + peerNotAfter + ", in " + took.toMillis() + " ms";
        }
    }

    /**
     * The handshake failed.
     *
     * @param reason {@code legacy_only_server}, {@code no_common_parameters}, {@code untrusted_certificate},
     *               {@code hostname_mismatch}, {@code unreachable}, {@code timeout}, {@code handshake_failed}
     * @param hint   what an operator can do about it
     */
    record Failed(String endpoint, String reason, String message, String hint, Duration took) implements TlsHandshake {
        @Override
        public String state() {
            return reason;
        }

        @Override
        public boolean up() {
            return false;
        }

        @Override
        public String detail() {
            return endpoint + ": " + message + (hint.isEmpty() ? "" : " — " + hint);
        }
    }

    /** The base URL is plain HTTP (the simulator): there is no handshake to check. */
    record NotApplicable(String endpoint) implements TlsHandshake {
        @Override
        public String state() {
            return "not_applicable";
        }

        @Override
        public boolean up() {
            return true;
        }

        @Override
        public String detail() {
            return endpoint + " is not https";
        }
    }

    /** Not checked yet. */
    record Pending(String endpoint) implements TlsHandshake {
        @Override
        public String state() {
            return "pending";
        }

        @Override
        public boolean up() {
            return true;
        }

        @Override
        public String detail() {
            return endpoint + ": not checked yet";
        }
    }
}
