package io.telops.contracts.billing;

import java.time.Instant;
import java.util.Optional;

/**
 * An account's available balance changed. {@code reason}: TOPUP, DEDUCTION, ADJUSTMENT, GROUP_CREDIT,
 * CALL_RESERVED, CALL_SETTLED, RESERVATION_EXPIRED. {@code ledgerSeq} numbers the account's balance changes
 * 1, 2, 3 ... in commit order: the newest balance is the one with the highest, whatever the times say. Events
 * from before it existed have none; readers then fall back to {@code occurredAt}.
 */
public record BalanceChanged(long accountId, String username, long deltaMinor, long balanceMinor, String currency,
        String reason, Instant occurredAt, Optional<Long> ledgerSeq) implements BillingEvent {
    public BalanceChanged {
        ledgerSeq = ledgerSeq == null ? Optional.empty() : ledgerSeq;
    }

    /** Without a ledger sequence, as producers wrote it before the field existed. */
    public BalanceChanged(long accountId, String username, long deltaMinor, long balanceMinor, String currency,
                          String reason, Instant occurredAt) {
        this(accountId, username, deltaMinor, balanceMinor, currency, reason, occurredAt, Optional.empty());
    }
}
