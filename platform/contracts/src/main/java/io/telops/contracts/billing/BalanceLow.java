package io.telops.contracts.billing;

import java.time.Instant;
import java.util.Optional;

/**
 * An account's available balance fell below its low-balance threshold: published once per crossing (the next
 * one only after a {@link BalanceRecovered}). {@code ledgerSeq} is the balance change that crossed it.
 */
public record BalanceLow(long accountId, String username, long balanceMinor, long thresholdMinor, String currency,
        Instant occurredAt, Optional<Long> ledgerSeq) implements BillingEvent {
    public BalanceLow {
        ledgerSeq = ledgerSeq == null ? Optional.empty() : ledgerSeq;
    }
}
