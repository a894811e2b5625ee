package io.telops.billing.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.micrometer.core.instrument.MeterRegistry;
import io.telops.billing.rating.RateSchedule;
import io.telops.billing.rating.RatedPlan;
import io.telops.billing.events.OutboxEvents;
import io.telops.contracts.billing.BalanceChanged;
import io.telops.contracts.billing.BillingEventTypes;
import io.telops.contracts.billing.CallSettled;
import io.telops.outbox.Outbox;
import io.telops.outbox.OutboxEvent;

/**
 * Prepaid call rating: authorise (reserve the price of the longest affordable call), settle (debit what
 * the call cost, release the rest, write the CDR, once per uniqueid) and expire forgotten reservations.
 * Reservation, settlement and expiry of an account all change its balance under its row lock, so they are
 * atomic with respect to each other: the balance cannot go negative, however many calls race.
 *
 * <p>Authorise and settle are the FastAGI hot path. They are plain JDBC transactions on the Agroal pool
 * (no ORM session, no JTA), with a fixed, small number of statements:
 * <ul>
 *   <li>authorise, one round trip: {@code billing_authorise} (V3 migration, V5 for duplicates) run with autocommit finds and locks
 *   the account, checks status, groups, the tariff version and an earlier reservation of the uniqueid (DUPLICATE_CALL), inserts the
 *   reservation and the ledger entry, moves the cached balance, inserts the outbox events, and commits. The
 *   tariff comes from {@link TariffTable}; a stale table costs one reload and one more call.</li>
 *   <li>settle, three round trips: (1) lock the reservation; (2) move the account balance (an UPDATE, which
 *   takes the account row lock) returning the new balance; (3) ledger entries, reservation state, CDR and
 *   outbox events in one statement, sent together with the COMMIT.</li>
 * </ul>
 * Lock order, everywhere: a reservation row before its account row (settle, and expiry with one reservation
 * per transaction); authorise locks only the account. No cycle, hence no deadlock.
 */
@ApplicationScoped
public class CallBilling {
    /** One round trip: the V3 function, run with autocommit, so its COMMIT is part of the same statement. */
    private static final String AUTHORISE = "select r_outcome, r_account_id, r_username, r_prefix, r_max_seconds, r_amount, "
            + "r_tariff_version, r_plan_id, r_zone, r_low from billing_authorise(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String TARIFF_VERSION = "select version from tariff_version";
    /**
     * Appended to the last write of a transaction: pgjdbc sends both statements before one Sync, so the write and
     * the COMMIT cost one round trip. The COMMIT runs only if the write succeeded (the server skips the rest of
     * the message up to the Sync after an error), and the call returns only once the COMMIT is durable.
     */
    private static final String COMMIT = "; commit";
    private static final String LOCK_RESERVATION = """
            select account_id, amount_minor, destination, tariff_prefix, rate_per_minute_minor, initial_increment,
                   subsequent_increment, connection_fee_minor, state, rate_schedule
              from reservation where call_unique_id = ? for update""";
    private static final String FIRST_SETTLEMENT = "select billsec, billed_seconds, amount_minor from cdr where call_unique_id = ?";
    private static final String RELEASE_NET = """
            update account set balance_minor = balance_minor + ?, reserved_minor = reserved_minor - ?, ledger_seq = ledger_seq + 1,
                   updated_at = ? where id = ?
            returning username, balance_minor, ledger_seq, currency""";
    private static final String LOCK_ACCOUNT = "select username, balance_minor, ledger_seq, currency from account where id = ? for update";

    private final AgroalDataSource dataSource;
    private final TariffTable tariffs;
    private final AccountPlans plans = new AccountPlans();
    private final Ledger ledger;
    private final BillingConfig config;
    private final MeterRegistry metrics;
    private final LedgerTimings timings;

    CallBilling(AgroalDataSource dataSource, TariffTable tariffs, Ledger ledger, BillingConfig config,
                MeterRegistry metrics) {
        this.dataSource = dataSource;
        this.tariffs = tariffs;
        this.ledger = ledger;
        this.config = config;
        this.metrics = metrics;
        this.timings = new LedgerTimings(metrics);
    }

    private interface Work<T> {
        T run(Connection c, LedgerTimings.Clock clock) throws SQLException;
    }

    /** One local transaction on a pooled connection: committed durably, or rolled back on any failure. */
    private <T> T transaction(String op, Work<T> work) {
        LedgerTimings.Clock clock = timings.start(op);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            clock.lap("connect", 0);
            try {
                T result = work.run(c, clock);
                if (!clock.committed()) {
                    c.commit(); // a path that wrote nothing, or a read-only one
                    clock.lap("commit", 1);
                }
                clock.done();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(op + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Authorises a call in one round trip: {@code billing_authorise} (V11 migration) locks the caller's account,
     * decides, writes the reservation, ledger entry, balance and outbox events, and commits, all before its reply.
     * The price comes from the in-memory {@link TariffTable}, under the plan and time zone last seen for this caller
     * (the currency's default plan for one not seen yet). The function answers, writing nothing, STALE_TARIFF when
     * the table is older than the database (reload) and STALE_PLAN with the account's plan and zone when the guess
     * was wrong; then the call is priced again and repeated. So a plan or tariff change is used by every authorisation
     * that starts after its commit.
     */
    public Authorisation authorise(CallRequest call) {
        LedgerTimings.Clock clock = timings.start("authorise");
        try (Connection c = dataSource.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            clock.lap("connect", 0);
            Instant now = Instant.now();
            long reach = config.ringTimeout().plus(config.reservationGrace()).toSeconds() + config.maxCallSeconds();
            String key = call.imsi().map(i -> "i:" + i).orElse("") + "|" + call.callerId().orElse("");
            AccountPlans.Guess guess = plans.guess(key, () -> tariffs.defaultPlan(config.currency()));
            TariffTable.Held held = tariffs.held(guess.plan(), guess.zone(), call.destination(), now, reach);
            int sent = 0;
            while (true) {
                if (sent >= 6) {
                    throw new IllegalStateException("authorise did not settle on a plan after " + sent + " attempts");
                }
                try (PreparedStatement st = c.prepareStatement(AUTHORISE)) {
                    bindAuthorise(st, call, now, held, guess);
                    sent++;
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        String outcome = rs.getString(1);
                        if ("STALE_TARIFF".equals(outcome)) {
                            tariffs.reload(rs.getLong(7), c);
                            held = tariffs.held(guess.plan(), guess.zone(), call.destination(), now, reach);
                            sent++;
                            continue;
                        }
                        if ("STALE_PLAN".equals(outcome)) {
                            long plan = rs.getLong(8);
                            guess = new AccountPlans.Guess(rs.wasNull() ? Optional.empty() : Optional.of(plan), rs.getString(9));
                            plans.learn(key, guess);
                            held = tariffs.held(guess.plan(), guess.zone(), call.destination(), now, reach);
                            continue;
                        }
                        clock.committed("authorise+commit", sent);
                        clock.done();
                        long accountId = rs.getLong(2);
                        Optional<Long> account = rs.wasNull() ? Optional.empty() : Optional.of(accountId);
                        return switch (outcome) {
                            case "GRANTED" -> {
                                metrics.counter("telops.billing.authorisations", "outcome", "granted").increment();
                                yield new Authorisation.Granted(accountId, rs.getString(3), rs.getString(4), rs.getInt(5),
                                        rs.getLong(6), rs.getBoolean(10));
                            }
                            default -> {
                                RefusalReason reason = RefusalReason.valueOf(outcome);
                                metrics.counter("telops.billing.authorisations", "outcome", reason.name().toLowerCase()).increment();
                                yield new Authorisation.Refused(reason, account);
                            }
                        };
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("authorise failed: " + e.getMessage(), e);
        }
    }

    private void bindAuthorise(PreparedStatement st, CallRequest call, Instant now, TariffTable.Held held,
                               AccountPlans.Guess guess) throws SQLException {
        Optional<RatedPlan.Priced> priced = held.priced();
        int i = 1;
        st.setString(i++, call.callUniqueId());
        st.setString(i++, call.imsi().orElse(null));
        st.setString(i++, call.callerId().orElse(null));
        st.setString(i++, call.callerId().orElse("unknown"));
        st.setString(i++, call.destination());
        st.setObject(i++, utc(now));
        st.setString(i++, now.toString()); // ISO-8601, as EventJson writes an Instant
        st.setObject(i++, LocalDate.ofInstant(now, ZoneOffset.UTC));
        st.setLong(i++, held.version());
        st.setString(i++, priced.map(p -> p.start().prefix()).orElse(null));
        // the hold is priced so that the call stays affordable across any period boundary it may reach
        TariffRate rate = priced.map(p -> p.schedule().holdRate()).orElse(new TariffRate(0, 1, 1, 0));
        st.setLong(i++, rate.ratePerMinuteMinor());
        st.setInt(i++, rate.initialIncrement());
        st.setInt(i++, rate.subsequentIncrement());
        st.setLong(i++, rate.connectionFeeMinor());
        st.setLong(i++, config.maxCallSeconds());
        st.setLong(i++, config.ringTimeout().plus(config.reservationGrace()).toMillis());
        st.setString(i++, config.currency());
        st.setString(i++, BillingEventTypes.CALL_AUTHORISED.topic());
        st.setString(i++, BillingEventTypes.CALL_AUTHORISED.type());
        st.setString(i++, BillingEventTypes.BALANCE_CHANGED.type());
        st.setString(i++, BillingEventTypes.CALL_REFUSED.type());
        st.setObject(i++, guess.plan().orElse(null), java.sql.Types.BIGINT);
        st.setString(i++, guess.zone());
        st.setBoolean(i++, true);
        st.setString(i++, priced.flatMap(p -> p.start().permission()).orElse(null));
        st.setString(i++, priced.filter(p -> !p.schedule().single()).map(p -> p.schedule().encode()).orElse(null));
        st.setBoolean(i, config.lowBalancePrompt().isPresent());
    }

    /**
     * Bills a finished call: debits the tariff price of {@code billsec} (never more than was reserved: Dial's
     * L() limit keeps billsec within the reservation), releases the remainder and writes the CDR. A second
     * settle of the same uniqueid changes nothing and reports the first result.
     */
    public Settlement settle(String callUniqueId, int billsec, String callerId, String channel) {
        return settle(callUniqueId, CallEnd.billsec(billsec), callerId, channel);
    }

    /** As above, keeping on the CDR what Asterisk reported about the call's end, and the tariff it was rated with. */
    public Settlement settle(String callUniqueId, CallEnd end, String callerId, String channel) {
        return transaction("settle", (c, clock) -> settle(c, clock, callUniqueId, end, callerId, channel));
    }

    private Settlement settle(Connection c, LedgerTimings.Clock clock, String callUniqueId, CallEnd end, String callerId,
                              String channel) throws SQLException {
        int billsec = end.billsec();
        long accountId;
        long held;
        String destination;
        String prefix;
        TariffRate rate;
        ReservationState state;
        RateSchedule schedule;
        // the reservation row lock first (then the account's): its state cannot change under us any more
        try (PreparedStatement st = c.prepareStatement(LOCK_RESERVATION)) {
            st.setString(1, callUniqueId);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    clock.lap("lookup", 1);
                    metrics.counter("telops.billing.settlements", "outcome", "no-reservation").increment();
                    return new Settlement.NoReservation(callUniqueId);
                }
                accountId = rs.getLong(1);
                held = rs.getLong(2);
                destination = rs.getString(3);
                prefix = rs.getString(4);
                rate = new TariffRate(rs.getLong(5), rs.getInt(6), rs.getInt(7), rs.getLong(8));
                state = ReservationState.valueOf(rs.getString(9));
                String parts = rs.getString(10);
                schedule = parts == null ? RateSchedule.single(rate) : RateSchedule.decode(parts);
            }
        }
        if (state == ReservationState.SETTLED) {
            try (PreparedStatement st = c.prepareStatement(FIRST_SETTLEMENT)) {
                st.setString(1, callUniqueId);
                try (ResultSet rs = st.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("settled reservation " + callUniqueId + " has no CDR");
                    }
                    clock.lap("lookup", 2);
                    metrics.counter("telops.billing.settlements", "outcome", "repeated").increment();
                    return new Settlement.Settled(accountId, rs.getInt(1), rs.getInt(2), rs.getLong(3), 0, true);
                }
            }
        }
        Instant now = Instant.now();
        int seconds = Math.max(0, billsec);
        // billsec ends about now (settle runs from the h extension): the call was answered billsec ago
        RateSchedule.Bill bill = schedule.bill(now.getEpochSecond() - seconds, seconds);
        long price = bill.costMinor();
        String username;
        String currency;
        long balance; // after this settlement
        long seq; // the account's ledger sequence after it
        long released;
        long debit;
        boolean moveBalance;
        if (state == ReservationState.OPEN) {
            // the hold comes back and the price goes out: the balance only grows, one UPDATE does both
            debit = Math.min(price, held);
            released = held;
            try (PreparedStatement st = c.prepareStatement(RELEASE_NET)) {
                st.setLong(1, held - debit);
                st.setLong(2, held);
                st.setObject(3, utc(now));
                st.setLong(4, accountId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    username = rs.getString(1);
                    balance = rs.getLong(2);
                    seq = rs.getLong(3);
                    currency = rs.getString(4);
                }
            }
            moveBalance = false;
        } else {
            // expired and already released: bill what the balance still covers
            released = 0;
            try (PreparedStatement st = c.prepareStatement(LOCK_ACCOUNT)) {
                st.setLong(1, accountId);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    username = rs.getString(1);
                    debit = Math.min(price, rs.getLong(2));
                    balance = rs.getLong(2) - debit;
                    seq = rs.getLong(3);
                    currency = rs.getString(4);
                }
            }
            moveBalance = debit > 0;
            if (moveBalance) {
                seq++;
            }
        }
        clock.lap("lookup", 2);
        long billed = bill.billedSeconds();
        long releasedNet = released - debit;
        List<OutboxEvent> events = OutboxEvents.of(String.valueOf(accountId),
                new CallSettled(accountId, username, callUniqueId, destination, prefix, seconds, (int) billed, debit,
                        Math.max(0, releasedNet), currency, now),
                new BalanceChanged(accountId, username, releasedNet, balance, currency, "CALL_SETTLED", now, Optional.of(seq)));
        StringBuilder sql = new StringBuilder("with ");
        List<Object> params = new ArrayList<>();
        List<String> entries = new ArrayList<>();
        if (state == ReservationState.OPEN) {
            entries.add("(?, 'RELEASE', ?, ?, ?, 'reservation released', 'agi', ?)");
            params.addAll(List.of(accountId, released, balance + debit, callUniqueId, utc(now)));
        }
        if (debit > 0) {
            entries.add("(?, 'DEBIT', ?, ?, ?, ?, 'agi', ?)");
            params.addAll(List.of(accountId, -debit, balance, callUniqueId, "call " + seconds + " s to " + destination, utc(now)));
        }
        if (!entries.isEmpty()) {
            sql.append("entries as (insert into ledger_entry (account_id, kind, amount_minor, balance_after, call_unique_id, note, actor, created_at) values ")
                    .append(String.join(", ", entries)).append("), ");
        }
        if (moveBalance) {
            sql.append("moved as (update account set balance_minor = ?, ledger_seq = ?, updated_at = ? where id = ?), ");
            params.addAll(List.of(balance, seq, utc(now), accountId));
        }
        sql.append("settled as (update reservation set state = 'SETTLED' where call_unique_id = ?), ");
        params.add(callUniqueId);
        sql.append("""
                cdr as (insert into cdr (call_unique_id, account_id, caller_id, destination, channel, tariff_prefix, billsec,
                    billed_seconds, amount_minor, settled_at, duration, dial_status, hangup_cause, dialled_peer, caller_imsi,
                    callee_imsi, rate_per_minute_minor, initial_increment, subsequent_increment, connection_fee_minor)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::integer, ?::varchar, ?::integer, ?::varchar, ?::varchar, ?::varchar,
                    ?, ?, ?, ?)) """);
        params.addAll(List.of(callUniqueId, accountId, callerId, destination, channel, prefix, seconds, (int) billed, debit, utc(now)));
        // absent values go in as SQL NULL (List.of takes no null, hence the Optional unwrapping here)
        params.addAll(Arrays.asList(end.duration().orElse(null), end.dialStatus().orElse(null),
                end.hangupCause().orElse(null), end.dialledPeer().orElse(null), end.callerImsi().orElse(null),
                end.calleeImsi().orElse(null)));
        params.addAll(List.of(rate.ratePerMinuteMinor(), rate.initialIncrement(), rate.subsequentIncrement(),
                rate.connectionFeeMinor()));
        sql.append(Outbox.INSERT).append(Outbox.values(events.size())).append(COMMIT);
        try (PreparedStatement st = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (Object p : params) {
                st.setObject(i++, p);
            }
            Outbox.bind(st, i, events);
            st.executeUpdate();
        }
        clock.committed("write+commit", 2);
        metrics.counter("telops.billing.settlements", "outcome", "settled").increment();
        metrics.counter("telops.billing.debited.minor").increment(debit);
        return new Settlement.Settled(accountId, seconds, (int) billed, debit, Math.max(0, releasedNet), false);
    }

    /** The current tariff version (for tests and the benchmark: how the in-memory table compares). */
    public long tariffVersion() {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(TARIFF_VERSION);
             ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /**
     * Releases open reservations whose call should long be over (limit + ring timeout + grace), each in its own
     * transaction that locks the reservation row and then its account (the order settle uses), so a settle
     * racing the sweeper waits for it, or the other way round, and never deadlocks.
     */
    public int expireDue(Instant now, int limit) {
        List<String> due = QuarkusTransaction.requiringNew().call(() -> Reservation.<Reservation>find(
                "state = ?1 and expiresAt < ?2 order by expiresAt", ReservationState.OPEN, now).page(0, limit).list()
                .stream().map(r -> r.callUniqueId).toList());
        int expired = 0;
        for (String uid : due) {
            if (QuarkusTransaction.requiringNew().call(() -> expire(uid, now))) {
                expired++;
            }
        }
        if (expired > 0) {
            metrics.counter("telops.billing.reservations.expired").increment(expired);
        }
        return expired;
    }

    private boolean expire(String uid, Instant now) {
        Reservation r = Reservation.<Reservation>find("callUniqueId", uid).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (r == null || r.state != ReservationState.OPEN || !r.expiresAt.isBefore(now)) {
            return false; // settled (or released) while we were not holding its lock
        }
        Account locked = Account.lockUnloaded(r.accountId);
        r.state = ReservationState.EXPIRED;
        locked.reservedMinor -= r.amountMinor;
        ledger.post(locked, EntryKind.RELEASE, r.amountMinor, r.callUniqueId, "reservation expired unsettled", "sweeper", now);
        ledger.balanceChanged(locked, r.amountMinor, "RESERVATION_EXPIRED", now);
        return true;
    }
}
