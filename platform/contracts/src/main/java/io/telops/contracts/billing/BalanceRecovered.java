package io.telops.contracts.billing;

import java.time.Instant;
import java.util.Optional;

/**
 * An account that was below its low-balance threshold is at or above it again (a top-up, a refund, or a raised
 * threshold's opposite). Ends the alert a {@link BalanceLow} opened.
 */
public record BalanceRecovered(long accountId, String username, long balanceMinor, long thresholdMinor, String currency,
        Instant occurredAt, Optional<Long> ledgerSeq) implements BillingEvent {
    public BalanceRecovered {
        ledgerSeq = ledgerSeq == null ? Optional.empty() : ledgerSeq;
    }
}
