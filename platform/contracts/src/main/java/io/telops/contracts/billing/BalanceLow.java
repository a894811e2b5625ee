package io.telops.contracts.billing;

import java.time.Instant;
import java.util.Optional;

/**
 * An account's balance before holds (available plus what calls in progress hold) fell below its low-balance
 * threshold (a call's hold alone never crosses it): published once per crossing, the next one only after a
 * {@link BalanceRecovered}. {@code ledgerSeq} is the balance change that crossed it.
 */
public record BalanceLow(long accountId, String username, long balanceMinor, long thresholdMinor, String currency,
        Instant occurredAt, Optional<Long> ledgerSeq) implements BillingEvent {
    public BalanceLow {
        ledgerSeq = ledgerSeq == null ? Optional.empty() : ledgerSeq;
    }
}
