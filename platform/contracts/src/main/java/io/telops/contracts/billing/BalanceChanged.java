package io.telops.contracts.billing;

import java.time.Instant;

/**
 * An account's available balance changed. {@code reason}: TOPUP, DEDUCTION, ADJUSTMENT, GROUP_CREDIT,
 * CALL_RESERVED, CALL_SETTLED, RESERVATION_EXPIRED.
 */
public record BalanceChanged(long accountId, String username, long deltaMinor, long balanceMinor, String currency,
        String reason, Instant occurredAt) implements BillingEvent {
}
