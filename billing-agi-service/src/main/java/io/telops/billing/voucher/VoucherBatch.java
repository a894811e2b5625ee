package io.telops.billing.voucher;

import java.time.Instant;
import java.util.List;

/**
 * A generated batch. {@code codes} is filled only in the answer to the generation (the one time they are shown) and
 * empty whenever a batch is read back; {@code redeemed} counts its used codes.
 */
public record VoucherBatch(long id, int size, int digits, long valueMinor, String currency, Instant expiresAt,
                           String createdBy, Instant createdAt, long redeemed, List<String> codes) {
}
