package io.telops.ingest.push;

import java.util.List;

import io.quarkus.runtime.LaunchMode;
import io.telops.ingest.IngestConfig;
import io.telops.security.Networks;

/**
 * The start-up rule for the push URL: outside dev and test it is never open to anyone (a forged push feeds the
 * topic and points state polling at hosts of the sender's choice), and HTTP Basic is never half configured, since a
 * username without a password used to leave the URL silently open.
 */
final class PushAccessCheck {
    static final String SECRET = "telops.ingest.push.shared-secret";
    static final String BASIC_USERNAME = "telops.ingest.push.basic-username";
    static final String BASIC_PASSWORD = "telops.ingest.push.basic-password";
    static final String SUBNETS = "telops.ingest.push.allowed-subnets";

    private PushAccessCheck() {
    }

    /**
     * @throws IllegalStateException naming the keys to set (never their values)
     * @throws IllegalArgumentException for a subnet that is not a CIDR
     */
    static void verify(IngestConfig.Push config, LaunchMode mode) {
        if (config.basicUsername().isPresent() != config.basicPassword().isPresent()) {
            throw new IllegalStateException("HTTP Basic on the push URL needs both " + BASIC_USERNAME + " and " + BASIC_PASSWORD
                    + "; " + (config.basicUsername().isPresent() ? BASIC_PASSWORD : BASIC_USERNAME) + " is not set");
        }
        boolean protectedUrl = config.sharedSecret().isPresent() || config.basicUsername().isPresent()
                || !Networks.parse(config.allowedSubnets().orElse(List.of())).isEmpty();
        if (!protectedUrl && mode != LaunchMode.DEVELOPMENT && mode != LaunchMode.TEST) {
            throw new IllegalStateException("the phone push URL /polycom/events would accept pushes from anyone: set "
                    + SECRET + " (token in apps.telNotification.URL), or " + BASIC_USERNAME + " and " + BASIC_PASSWORD
                    + ", and/or " + SUBNETS + " (the phones' CIDRs); env TELOPS_INGEST_PUSH_SHARED_SECRET, "
                    + "TELOPS_INGEST_PUSH_BASIC_USERNAME/_PASSWORD, TELOPS_INGEST_PUSH_ALLOWED_SUBNETS");
        }
    }
}
