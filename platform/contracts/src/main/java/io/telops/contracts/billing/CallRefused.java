package io.telops.contracts.billing;

import java.time.Instant;
import java.util.Optional;

/**
 * A call was refused. {@code reason}: UNKNOWN_ACCOUNT, ACCOUNT_BLOCKED, GROUP_EXPIRED, NO_TARIFF,
 * INSUFFICIENT_BALANCE, INVALID_DESTINATION, DUPLICATE_CALL, and the fraud limits DESTINATION_NOT_PERMITTED,
 * CONCURRENT_CALLS_LIMIT, HOURLY_SPEND_LIMIT, DAILY_SPEND_LIMIT. {@code accountId} is absent when the caller is unknown.
 */
public record CallRefused(Optional<Long> accountId, String callUniqueId, String callerId, String destination,
        String reason, Instant occurredAt) implements BillingEvent {
}
