package io.telops.contracts.billing;

import java.time.Instant;

/** A call was admitted: {@code reservedMinor} is held for at most {@code maxSeconds} of talk time. */
public record CallAuthorised(long accountId, String username, String callUniqueId, String callerId, String destination,
        String tariffPrefix, int maxSeconds, long reservedMinor, String currency, Instant occurredAt) implements BillingEvent {
}
