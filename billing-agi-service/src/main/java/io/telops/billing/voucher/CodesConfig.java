package io.telops.billing.voucher;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code telops.billing.codes.*}: the key that card PINs and voucher codes are digested under, and batch limits. */
@ConfigMapping(prefix = "telops.billing.codes")
public interface CodesConfig {
    /**
     * HMAC-SHA256 key (at least 32 characters) for card PIN and voucher code digests. Unset: calling cards and vouchers
     * are off (the card IVR says so and hangs up, the API answers 409). Never logged.
     */
    Optional<String> secret();

    /** Most codes one batch may hold (they are all in one response and one transaction). */
    @WithDefault("10000")
    int maxBatchSize();
}
