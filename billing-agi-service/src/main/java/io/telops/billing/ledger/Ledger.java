package io.telops.billing.ledger;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.telops.billing.events.OutboxEvents;
import io.telops.contracts.billing.BalanceChanged;
import io.telops.outbox.Outbox;

/**
 * Balance movements. Every posting runs with the account row locked (SELECT ... FOR UPDATE), appends one
 * signed {@link LedgerEntry} and moves {@link Account#balanceMinor} by the same amount, so the cached
 * balance always equals the sum of the entries and can never go below zero. Each posting also bumps
 * {@link Account#ledgerSeq}, which orders the account's balance-changed events by commit, not by time.
 */
@ApplicationScoped
public class Ledger {
    private final Outbox outbox;
    private final BillingConfig config;

    Ledger(Outbox outbox, BillingConfig config) {
        this.outbox = outbox;
        this.config = config;
    }

    /** Appends an entry to a locked account; refuses (CONFLICT) what would make the balance negative. */
    @Transactional(Transactional.TxType.MANDATORY)
    public LedgerEntry post(Account locked, EntryKind kind, long amountMinor, String callUniqueId, String note,
                            String actor, Instant at) {
        long after = Math.addExact(locked.balanceMinor, amountMinor);
        if (after < 0) {
            throw LedgerRejection.conflict("balance " + locked.balanceMinor + " cannot cover " + (-amountMinor));
        }
        locked.balanceMinor = after;
        locked.ledgerSeq++;
        locked.updatedAt = at;
        LedgerEntry e = new LedgerEntry();
        e.accountId = locked.id;
        e.kind = kind;
        e.amountMinor = amountMinor;
        e.balanceAfter = after;
        e.callUniqueId = callUniqueId;
        e.note = note;
        e.actor = actor;
        e.createdAt = at;
        e.persist();
        return e;
    }

    /** Top-up ({@code amount > 0}) or deduction ({@code amount < 0}) by an operator. */
    @Transactional
    public LedgerEntry adjust(long accountId, long amountMinor, String note, String actor) {
        if (amountMinor == 0) {
            throw LedgerRejection.invalid("value must not be zero");
        }
        Account a = Account.lockUnloaded(accountId);
        if (a.status == AccountStatus.DELETED) {
            throw LedgerRejection.notFound("account " + accountId + " does not exist");
        }
        Instant now = Instant.now();
        EntryKind kind = amountMinor > 0 ? EntryKind.TOPUP : EntryKind.ADJUSTMENT;
        LedgerEntry entry = post(a, kind, amountMinor, null, note, actor, now);
        balanceChanged(a, amountMinor, amountMinor > 0 ? "TOPUP" : "DEDUCTION", now);
        return entry;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void balanceChanged(Account a, long delta, String reason, Instant at) {
        // the outbox writes with plain JDBC, which does not flush the session as Hibernate's native queries did: flush
        // here, so a later lock of the same account in this transaction re-reads the balance this change wrote
        Account.flush();
        outbox.add(OutboxEvents.of(String.valueOf(a.id), balanceEvent(a, delta, reason, at)));
    }

    public BalanceChanged balanceEvent(Account a, long delta, String reason, Instant at) {
        return new BalanceChanged(a.id, a.username, delta, a.balanceMinor, a.currency, reason, at, Optional.of(a.ledgerSeq));
    }

    /** Sum of all entries of an account (the definition of its balance), for audits and tests. */
    @Transactional
    public long entrySum(long accountId) {
        Long sum = LedgerEntry.getEntityManager()
                .createQuery("select coalesce(sum(e.amountMinor), 0) from LedgerEntry e where e.accountId = :a", Long.class)
                .setParameter("a", accountId).getSingleResult();
        return sum;
    }
}
