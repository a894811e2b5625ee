package io.telops.contracts.billing;

import java.time.Instant;

/** A call ended and was billed: {@code amountMinor} debited for {@code billsec} (rounded up to {@code billedSeconds}). */
public record CallSettled(long accountId, String username, String callUniqueId, String destination, String tariffPrefix,
        int billsec, int billedSeconds, long amountMinor, long releasedMinor, String currency, Instant occurredAt)
        implements BillingEvent {
}
