package io.telops.billing.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.telops.billing.events.Outbox;
import io.telops.contracts.billing.CallAuthorised;
import io.telops.contracts.billing.CallRefused;
import io.telops.contracts.billing.CallSettled;

/**
 * Prepaid call rating: authorise (reserve the price of the longest affordable call), settle (debit what
 * the call cost, release the rest, write the CDR, once per uniqueid) and expire forgotten reservations.
 * Reservation, settlement and expiry of an account all take its row lock first, so they are atomic with
 * respect to each other: the balance cannot go negative, however many calls race.
 */
@ApplicationScoped
public class CallBilling {
    private final Ledger ledger;
    private final Outbox outbox;
    private final BillingConfig config;
    private final MeterRegistry metrics;

    CallBilling(Ledger ledger, Outbox outbox, BillingConfig config, MeterRegistry metrics) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
    }

    @Transactional
    public Authorisation authorise(CallRequest call) {
        Instant now = Instant.now();
        // found and locked in one statement: refusals hold the lock briefly, grants need it anyway
        Optional<Account> found = call.imsi().flatMap(i -> Account.lockBy("imsi", i))
                .or(() -> call.callerId().flatMap(c -> Account.lockBy("clid", c)));
        if (found.isEmpty()) {
            return refuse(call, RefusalReason.UNKNOWN_ACCOUNT, Optional.empty(), now);
        }
        Account account = found.get();
        if (account.status != AccountStatus.ACTIVE) {
            return refuse(call, RefusalReason.ACCOUNT_BLOCKED, Optional.of(account.id), now);
        }
        long[] groups = BillingGroup.membership(account.id, LocalDate.ofInstant(now, ZoneOffset.UTC));
        if (groups[0] > 0 && groups[1] == 0) {
            return refuse(call, RefusalReason.GROUP_EXPIRED, Optional.of(account.id), now);
        }
        Optional<Tariff> tariff = Tariff.forDestination(call.destination());
        if (tariff.isEmpty()) {
            return refuse(call, RefusalReason.NO_TARIFF, Optional.of(account.id), now);
        }
        Account locked = account;
        Optional<Reservation> earlier = Reservation.byCall(call.callUniqueId());
        if (earlier.isPresent()) {
            // the same channel asking twice (a dialplan loop, a retried AGI): one reservation per call
            Reservation r = earlier.get();
            return new Authorisation.Granted(r.accountId, locked.username, r.tariffPrefix, r.maxSeconds, r.amountMinor, true);
        }
        TariffRate rate = tariff.get().rate();
        long seconds = rate.maxAffordableSeconds(locked.balanceMinor, config.maxCallSeconds());
        if (seconds <= 0) {
            return refuse(call, RefusalReason.INSUFFICIENT_BALANCE, Optional.of(account.id), now);
        }
        long amount = rate.cost(seconds);
        Reservation r = new Reservation();
        r.callUniqueId = call.callUniqueId();
        r.accountId = locked.id;
        r.amountMinor = amount;
        r.maxSeconds = (int) seconds;
        r.destination = call.destination();
        r.tariffPrefix = tariff.get().prefix;
        r.ratePerMinuteMinor = rate.ratePerMinuteMinor();
        r.initialIncrement = rate.initialIncrement();
        r.subsequentIncrement = rate.subsequentIncrement();
        r.connectionFeeMinor = rate.connectionFeeMinor();
        r.state = ReservationState.OPEN;
        r.createdAt = now;
        r.expiresAt = now.plus(config.ringTimeout()).plusSeconds(seconds).plus(config.reservationGrace());
        r.persist();
        ledger.post(locked, EntryKind.RESERVATION, -amount, call.callUniqueId(), "reserved " + seconds + " s", "agi", now);
        outbox.add(String.valueOf(locked.id), new CallAuthorised(locked.id, locked.username, call.callUniqueId(),
                call.callerId().orElse("unknown"), call.destination(), r.tariffPrefix, r.maxSeconds, amount,
                config.currency(), now), ledger.balanceEvent(locked, -amount, "CALL_RESERVED", now));
        metrics.counter("telops.billing.authorisations", "outcome", "granted").increment();
        return new Authorisation.Granted(locked.id, locked.username, r.tariffPrefix, r.maxSeconds, amount, false);
    }

    private Authorisation refuse(CallRequest call, RefusalReason reason, Optional<Long> accountId, Instant now) {
        String key = accountId.map(String::valueOf).orElse("clid:" + call.callerId().orElse("unknown"));
        outbox.add(key, new CallRefused(accountId, call.callUniqueId(), call.callerId().orElse("unknown"),
                call.destination(), reason.name(), now));
        metrics.counter("telops.billing.authorisations", "outcome", reason.name().toLowerCase()).increment();
        return new Authorisation.Refused(reason, accountId);
    }

    /**
     * Bills a finished call: debits the tariff price of {@code billsec} (never more than was reserved: Dial's
     * L() limit keeps billsec within the reservation), releases the remainder and writes the CDR. A second
     * settle of the same uniqueid changes nothing and reports the first result.
     */
    @Transactional
    public Settlement settle(String callUniqueId, int billsec, String callerId, String channel) {
        Optional<Reservation> found = Reservation.byCall(callUniqueId);
        if (found.isEmpty()) {
            metrics.counter("telops.billing.settlements", "outcome", "no-reservation").increment();
            return new Settlement.NoReservation(callUniqueId);
        }
        // lock the account, then read the reservation again: its state cannot change under us any more
        Reservation r = found.get();
        Account locked = Account.lockUnloaded(r.accountId);
        Reservation.getEntityManager().refresh(r);
        if (r.state == ReservationState.SETTLED) {
            Cdr cdr = Cdr.find("callUniqueId", callUniqueId).<Cdr>firstResultOptional().orElseThrow();
            metrics.counter("telops.billing.settlements", "outcome", "repeated").increment();
            return new Settlement.Settled(r.accountId, cdr.billsec, cdr.billedSeconds, cdr.amountMinor, 0, true);
        }
        Instant now = Instant.now();
        int seconds = Math.max(0, billsec);
        TariffRate rate = r.rate();
        long price = rate.cost(seconds);
        long released = 0;
        long debit;
        if (r.state == ReservationState.OPEN) {
            debit = Math.min(price, r.amountMinor);
            released = r.amountMinor;
            ledger.post(locked, EntryKind.RELEASE, released, callUniqueId, "reservation released", "agi", now);
        } else {
            // expired and already released: bill what the balance still covers
            debit = Math.min(price, locked.balanceMinor);
        }
        if (debit > 0) {
            ledger.post(locked, EntryKind.DEBIT, -debit, callUniqueId, "call " + seconds + " s to " + r.destination, "agi", now);
        }
        r.state = ReservationState.SETTLED;
        Cdr cdr = new Cdr();
        cdr.callUniqueId = callUniqueId;
        cdr.accountId = locked.id;
        cdr.callerId = callerId;
        cdr.destination = r.destination;
        cdr.channel = channel;
        cdr.tariffPrefix = r.tariffPrefix;
        cdr.billsec = seconds;
        cdr.billedSeconds = (int) rate.billedSeconds(seconds);
        cdr.amountMinor = debit;
        cdr.settledAt = now;
        cdr.persist();
        long releasedNet = released - debit;
        outbox.add(String.valueOf(locked.id), new CallSettled(locked.id, locked.username, callUniqueId, r.destination,
                r.tariffPrefix, seconds, cdr.billedSeconds, debit, Math.max(0, releasedNet), config.currency(), now),
                ledger.balanceEvent(locked, released - debit, "CALL_SETTLED", now));
        metrics.counter("telops.billing.settlements", "outcome", "settled").increment();
        metrics.counter("telops.billing.debited.minor").increment(debit);
        return new Settlement.Settled(locked.id, seconds, cdr.billedSeconds, debit, Math.max(0, releasedNet), false);
    }

    /** Releases open reservations whose call should long be over (limit + ring timeout + grace). */
    @Transactional
    public int expireDue(Instant now, int limit) {
        List<Reservation> due = Reservation.find("state = ?1 and expiresAt < ?2 order by expiresAt",
                ReservationState.OPEN, now).page(0, limit).list();
        int expired = 0;
        for (Reservation candidate : due) {
            Account locked = Account.lockUnloaded(candidate.accountId);
            Reservation.getEntityManager().refresh(candidate);
            if (candidate.state != ReservationState.OPEN) {
                continue;
            }
            candidate.state = ReservationState.EXPIRED;
            ledger.post(locked, EntryKind.RELEASE, candidate.amountMinor, candidate.callUniqueId,
                    "reservation expired unsettled", "sweeper", now);
            ledger.balanceChanged(locked, candidate.amountMinor, "RESERVATION_EXPIRED", now);
            expired++;
        }
        if (expired > 0) {
            metrics.counter("telops.billing.reservations.expired").increment(expired);
        }
        return expired;
    }
}
