package io.telops.dashboard.billing;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.telops.contracts.Topics;
import io.telops.contracts.billing.BalanceChanged;
import io.telops.contracts.billing.BalanceLow;
import io.telops.contracts.billing.BalanceRecovered;
import io.telops.contracts.billing.BillingEvent;
import io.telops.contracts.billing.BillingEventTypes;
import io.telops.contracts.billing.CallAuthorised;
import io.telops.contracts.billing.CallRefused;
import io.telops.contracts.billing.CallSettled;
import io.telops.dashboard.charts.BucketCounts;
import io.telops.dashboard.charts.Chart;
import io.telops.dashboard.domain.EventBodies;
import io.telops.dashboard.domain.SqlUpdate;
import io.telops.dashboard.domain.TypedProjection;
import io.telops.dashboard.events.CloudEvent;

/**
 * Keeps the balances view from telops.billing-events: each account's current balance (the balance-changed with the
 * highest ledger sequence; for events without one, the latest by event time, then offset), call counters, and one ledger row per event. Runs inside the feed's transaction,
 * once per ce_id, so the counters count each event once.
 */
@ApplicationScoped
public class BalanceProjection implements TypedProjection<BillingEvent> {
    private static final EventBodies<BillingEvent> BODIES =
            new EventBodies<>("balances view", Topics.BILLING_EVENTS, BillingEvent.class, BillingEventTypes.ALL);

    private final EntityManager entityManager;

    BalanceProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public EventBodies<BillingEvent> bodies() {
        return BODIES;
    }

    @Override
    public Optional<String> applyBody(CloudEvent event, BillingEvent body) {
        Instant at = Optional.ofNullable(body.occurredAt()).or(event::time).orElseGet(Instant::now);
        if (body instanceof BalanceChanged e) {
            return onAccount(event, at, e.accountId(), e.username(), e.currency(), true, () -> {
                balance(e, at, event.offset());
                ledger(event, Optional.of(e.accountId()), "balance-changed", at, e.deltaMinor(), e.balanceMinor(), e.currency(),
                        e.reason(), null, null, null, (e.reason() == null ? "change" : e.reason()) + " "
                                + Money.signed(e.deltaMinor(), e.currency()) + ", balance " + Money.format(e.balanceMinor(), e.currency()));
            });
        }
        if (body instanceof CallAuthorised e) {
            return onAccount(event, at, e.accountId(), e.username(), e.currency(), false, () -> {
                count("calls_authorised", e.accountId());
                ledger(event, Optional.of(e.accountId()), "call-authorised", at, e.reservedMinor(), null, e.currency(), null,
                        e.callUniqueId(), e.callerId(), e.destination(), "call to " + e.destination() + " authorised: "
                                + Money.format(e.reservedMinor(), e.currency()) + " held for up to " + e.maxSeconds() + " s");
            });
        }
        if (body instanceof CallSettled e) {
            return onAccount(event, at, e.accountId(), e.username(), e.currency(), false, () -> settled(event, e, at));
        }
        if (body instanceof BalanceLow e) {
            return onAccount(event, at, e.accountId(), e.username(), e.currency(), true, () -> crossing(event, at,
                    new Crossing(true, e.accountId(), e.currency(), e.thresholdMinor(), e.balanceMinor(), e.ledgerSeq())));
        }
        if (body instanceof BalanceRecovered e) {
            return onAccount(event, at, e.accountId(), e.username(), e.currency(), true, () -> crossing(event, at,
                    new Crossing(false, e.accountId(), e.currency(), e.thresholdMinor(), e.balanceMinor(), e.ledgerSeq())));
        }
        if (body instanceof CallRefused e) {
            Optional<Long> account = e.accountId() == null ? Optional.empty() : e.accountId().filter(id -> id > 0);
            account.ifPresent(id -> {
                account(id, null, null, at);
                count("calls_refused", id);
            });
            ledger(event, account, "call-refused", at, null, null, null, e.reason(), e.callUniqueId(), e.callerId(),
                    e.destination(), "call from " + e.callerId() + " to " + e.destination() + " refused: " + e.reason());
            return Optional.of(account.map(String::valueOf).orElse(event.key()));
        }
        return Optional.empty();
    }

    /**
     * What every account-keyed event shares: skipped without an account id (or without a currency where it states a
     * balance), the account's row kept, then applied; the account is the key open pages follow.
     */
    private Optional<String> onAccount(CloudEvent event, Instant at, long accountId, String username, String currency,
                                       boolean statesBalance, Runnable apply) {
        if (accountId <= 0 || (statesBalance && currency == null)) {
            return BODIES.skipped(event, statesBalance ? "accountId or currency missing" : "accountId missing");
        }
        account(accountId, username, currency, at);
        apply.run();
        return Optional.of(Long.toString(accountId));
    }

    private void settled(CloudEvent event, CallSettled e, Instant at) {
        count("calls_settled", e.accountId());
        new SqlUpdate("update bl_account set spent_minor = spent_minor + :amount where account_id = :account")
                .set("amount", e.amountMinor()).set("account", e.accountId()).run(entityManager);
        if (e.currency() != null) {
            entityManager.unwrap(Session.class).doWork(new BucketCounts().add(Chart.SPEND, e.currency(), 0, at, e.amountMinor())::write);
        }
        ledger(event, Optional.of(e.accountId()), "call-settled", at, e.amountMinor(), null, e.currency(), null,
                e.callUniqueId(), null, e.destination(), "call to " + e.destination() + " settled: " + e.billsec()
                        + " s talked, " + e.billedSeconds() + " s billed, " + Money.format(e.amountMinor(), e.currency()));
    }

    /**
     * Keeps the newest balance: by the producer's ledger sequence when the event has one (commit order; the event time
     * is taken before the account lock, so a later commit can carry an earlier time), else by (time, offset) as
     * before. An event without a sequence never replaces one with: it was written before the producer sent them.
     */
    private void balance(BalanceChanged e, Instant at, long offset) {
        if (e.ledgerSeq().isPresent()) {
            new SqlUpdate("""
                    update bl_account set balance_minor = :balance, balance_at = :at, balance_offset = :offset, balance_seq = :seq
                    where account_id = :account and (balance_seq is null or balance_seq < :seq)""")
                    .set("balance", e.balanceMinor()).set("at", at).set("offset", offset).set("seq", e.ledgerSeq().get())
                    .set("account", e.accountId()).run(entityManager);
            return;
        }
        new SqlUpdate("""
                update bl_account set balance_minor = :balance, balance_at = :at, balance_offset = :offset
                where account_id = :account and balance_seq is null and (balance_at is null or balance_at < :at
                    or (balance_at = :at and balance_offset <= :offset))""")
                .set("balance", e.balanceMinor()).set("at", at).set("offset", offset)
                .set("account", e.accountId()).run(entityManager);
    }

    /**
     * Below or back above the low-balance threshold, ordered like the balance: by ledger sequence when the event has
     * one, else by (time, offset); a replayed older crossing cannot reopen or close the alert.
     */
    private void crossing(CloudEvent event, Instant at, Crossing c) {
        String newer = c.seq().isPresent() ? "(low_seq is null or low_seq < :seq)"
                : "low_seq is null and (low_at is null or low_at < :at or (low_at = :at and low_offset <= :offset))";
        new SqlUpdate("update bl_account set low = :low, low_threshold_minor = :threshold, low_balance_minor = :balance, "
                + "low_since = case when :low then :at end, low_seq = coalesce(:seq, low_seq), low_at = :at, low_offset = :offset "
                + "where account_id = :account and " + newer)
                .set("low", c.low()).set("threshold", c.thresholdMinor()).set("balance", c.balanceMinor()).set("at", at)
                .set("seq", c.seq().orElse(null)).set("offset", event.offset()).set("account", c.accountId()).run(entityManager);
        String balance = "balance " + Money.format(c.balanceMinor(), c.currency());
        String threshold = "the threshold of " + Money.format(c.thresholdMinor(), c.currency());
        ledger(event, Optional.of(c.accountId()), c.low() ? "balance-low" : "balance-recovered", at, null, c.balanceMinor(),
                c.currency(), null, null, null, null,
                c.low() ? balance + " fell below " + threshold : balance + " is at or above " + threshold + " again");
    }

    /** A balance-low ({@code low}) or balance-recovered: the two differ only in which way the balance crossed. */
    private record Crossing(boolean low, long accountId, String currency, long thresholdMinor, long balanceMinor,
                            Optional<Long> seq) {
    }

    private void account(long id, String username, String currency, Instant at) {
        new SqlUpdate("""
                insert into bl_account (account_id, username, currency, first_seen_at, last_event_at)
                values (:account, :username, :currency, :at, :at)
                on conflict (account_id) do update set username = coalesce(excluded.username, bl_account.username),
                    currency = coalesce(excluded.currency, bl_account.currency),
                    first_seen_at = least(bl_account.first_seen_at, excluded.first_seen_at),
                    last_event_at = greatest(bl_account.last_event_at, excluded.last_event_at)""")
                .set("account", id).set("username", username).set("currency", currency).set("at", at).run(entityManager);
    }

    private void count(String column, long account) {
        // column is one of three constants of this class, never input
        new SqlUpdate("update bl_account set " + column + " = " + column + " + 1 where account_id = :account")
                .set("account", account).run(entityManager);
    }

    private void ledger(CloudEvent event, Optional<Long> account, String kind, Instant at, Long amount, Long balance,
                        String currency, String reason, String callId, String callerId, String destination, String summary) {
        new SqlUpdate("""
                insert into bl_event (event_id, event_key, account_id, kind, occurred_at, amount_minor, balance_minor, currency,
                    reason, call_id, caller_id, destination, summary)
                values (:id, :key, :account, :kind, :at, :amount, :balance, :currency, :reason, :call, :caller, :destination, :summary)
                on conflict (event_id) do nothing""")
                .set("id", event.id()).set("key", event.key()).set("account", account.orElse(null)).set("kind", kind)
                .set("at", at).set("amount", amount).set("balance", balance).set("currency", currency).set("reason", reason)
                .set("call", callId).set("caller", callerId).set("destination", destination).set("summary", summary)
                .run(entityManager);
    }
}
