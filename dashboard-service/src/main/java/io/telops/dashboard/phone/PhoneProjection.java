package io.telops.dashboard.phone;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.FlushMode;
import org.hibernate.Session;

import io.telops.contracts.Topics;
import io.telops.contracts.phone.CallStateChanged;
import io.telops.contracts.phone.IncomingCall;
import io.telops.contracts.phone.LineRegistered;
import io.telops.contracts.phone.LineUnregistered;
import io.telops.contracts.phone.OffHook;
import io.telops.contracts.phone.OnHook;
import io.telops.contracts.phone.OutgoingCall;
import io.telops.contracts.phone.Party;
import io.telops.contracts.phone.PhoneEvent;
import io.telops.contracts.phone.PhoneLocked;
import io.telops.contracts.phone.PhoneUnlocked;
import io.telops.contracts.phone.UiInitialized;
import io.telops.contracts.phone.UserLoggedIn;
import io.telops.contracts.phone.UserLoggedOut;
import io.telops.dashboard.events.EventOutcome;
import io.telops.dashboard.events.ProcessedEvents;

/**
 * Applies a batch of phone events to the read model in one transaction: ce_ids are claimed first, and only
 * the events whose claim is new change phones, calls and logs, so a redelivered batch changes nothing.
 */
@ApplicationScoped
public class PhoneProjection {
    private static final String INSERT_TERMS = """
            insert into phone_term (mac, kind, term)
            select * from unnest(?::varchar[], ?::varchar[], ?::varchar[])
            on conflict do nothing""";

    private final ProcessedEvents processedEvents;
    private final EntityManager entityManager;

    PhoneProjection(ProcessedEvents processedEvents, EntityManager entityManager) {
        this.processedEvents = processedEvents;
        this.entityManager = entityManager;
    }

    /** What a committed batch did: the phones it changed and a count per outcome. */
    public record BatchResult(Set<String> changedMacs, Map<EventOutcome, Integer> outcomes,
                              Map<String, Integer> unknownFieldsByType) {
        public int count(EventOutcome outcome) {
            return outcomes.getOrDefault(outcome, 0);
        }
    }

    /** A word to find a phone by. */
    record Term(String mac, String kind, String term) {
    }

    /**
     * @param deliveries   the batch's phone CloudEvents, in partition order
     * @param skippedClaims ce_ids to remember without applying anything (malformed or set-aside records)
     */
    @Transactional
    public BatchResult apply(List<PhoneDelivery> deliveries, List<ProcessedEvents.Claim> skippedClaims) {
        Instant now = Instant.now();
        List<ProcessedEvents.Claim> claims = new ArrayList<>(skippedClaims);
        Set<String> claimedHere = new HashSet<>();
        for (PhoneDelivery delivery : deliveries) {
            if (claimedHere.add(delivery.cloudEvent().id())) {
                claims.add(new ProcessedEvents.Claim(delivery.cloudEvent().id(), delivery.cloudEvent().type(),
                        outcomeOf(delivery)));
            }
        }
        Set<String> fresh = new HashSet<>(processedEvents.claim(Topics.PHONE_EVENTS, claims));
        // one flush at the end, in JDBC batches: a query-triggered flush per event would make a batch O(n^2)
        entityManager.unwrap(Session.class).setHibernateFlushMode(FlushMode.COMMIT);
        BatchState state = BatchState.load(entityManager, deliveries.stream()
                .filter(d -> d instanceof PhoneDelivery.Known && fresh.contains(d.cloudEvent().id()))
                .map(d -> (PhoneDelivery.Known) d).toList(), now);
        // phones first: inserts are ordered per table later and the log and call rows refer to them
        entityManager.flush();

        Map<EventOutcome, Integer> outcomes = new EnumMap<>(EventOutcome.class);
        Map<String, Integer> unknownFields = new HashMap<>();
        Set<String> changed = new LinkedHashSet<>();
        Set<Term> terms = new LinkedHashSet<>();
        for (ProcessedEvents.Claim claim : skippedClaims) {
            outcomes.merge(fresh.remove(claim.eventId()) ? claim.outcome() : EventOutcome.DUPLICATE, 1, Integer::sum);
        }
        for (PhoneDelivery delivery : deliveries) {
            // remove(): a ce_id repeated inside one batch is applied once, like one repeated across batches
            if (!fresh.remove(delivery.cloudEvent().id())) {
                outcomes.merge(EventOutcome.DUPLICATE, 1, Integer::sum);
                continue;
            }
            outcomes.merge(outcomeOf(delivery), 1, Integer::sum);
            if (delivery instanceof PhoneDelivery.Known known) {
                applyOne(known, now, terms, state);
                changed.add(known.mac());
                if (!known.unknownFields().isEmpty()) {
                    unknownFields.merge(known.cloudEvent().type(), known.unknownFields().size(), Integer::sum);
                }
            }
        }
        if (!terms.isEmpty()) {
            entityManager.flush();
            insertTerms(terms);
        }
        return new BatchResult(changed, outcomes, unknownFields);
    }

    private static EventOutcome outcomeOf(PhoneDelivery delivery) {
        if (delivery instanceof PhoneDelivery.Known) {
            return EventOutcome.APPLIED;
        }
        if (delivery instanceof PhoneDelivery.UnknownType) {
            return EventOutcome.UNKNOWN_TYPE;
        }
        return EventOutcome.MALFORMED;
    }

    private void applyOne(PhoneDelivery.Known known, Instant now, Set<Term> terms, BatchState state) {
        PhoneEvent event = known.event();
        String mac = known.mac();
        Phone phone = state.phones.get(mac);
        phone.heard(event.phoneIp(), event.occurredAt(), now);
        Phone heardPhone = phone;
        known.model().ifPresent(m -> heardPhone.model = Texts.clip(m, 120));

        String callReference = null;
        if (event instanceof IncomingCall e) {
            addParty(terms, mac, e.callingParty());
            addParty(terms, mac, e.calledParty());
        } else if (event instanceof OutgoingCall e) {
            addParty(terms, mac, e.callingParty());
            addParty(terms, mac, e.calledParty());
        } else if (event instanceof CallStateChanged e) {
            callReference = e.callReference();
            applyCallState(mac, e, state);
            e.callingParty().ifPresent(p -> addParty(terms, mac, p));
            e.calledParty().ifPresent(p -> addParty(terms, mac, p));
            e.lineDirNumber().ifPresent(n -> addTerm(terms, mac, "line", n));
        } else if (event instanceof OffHook) {
            phone.offHook = true;
        } else if (event instanceof OnHook) {
            phone.offHook = false;
        } else if (event instanceof PhoneLocked) {
            phone.locked = true;
        } else if (event instanceof PhoneUnlocked) {
            phone.locked = false;
        } else if (event instanceof LineRegistered e) {
            LineLabel line = LineLabel.of(e.lineNumber(), e.lineAddress());
            phone.lineRegistered(line);
            line.address().ifPresent(a -> addTerm(terms, mac, "line", a));
        } else if (event instanceof LineUnregistered e) {
            phone.lineUnregistered(LineLabel.of(e.lineNumber(), e.lineAddress()));
        } else if (event instanceof UserLoggedIn e) {
            if (e.user() != null && !e.user().isBlank()) {
                phone.userLoggedIn(Texts.clip(e.user().strip(), 200));
                addTerm(terms, mac, "user", e.user());
            }
        } else if (event instanceof UserLoggedOut e) {
            phone.userLoggedOut(e.user().map(String::strip));
        } else if (event instanceof UiInitialized) {
            // a phone that just booted its UI has its handset down and is not locked
            phone.offHook = false;
            phone.locked = false;
        }
        boolean inCall = state.openCallsOf(mac).stream().anyMatch(c -> c.connectedAt != null);
        phone.state = PhoneState.of(inCall, phone.offHook, phone.registration);

        PhoneLogEntry entry = new PhoneLogEntry();
        entry.mac = mac;
        entry.eventId = known.cloudEvent().id();
        entry.eventType = Texts.clip(known.cloudEvent().shortType(), 60);
        entry.occurredAt = event.occurredAt();
        entry.utcOffset = Texts.clip(Optional.ofNullable(event.utcOffset()).orElse("Z"), 10);
        entry.summary = Texts.clip(PhoneEventSummary.of(event), 500);
        entry.callReference = callReference == null ? null : Texts.clip(callReference, 100);
        entry.body = new String(known.cloudEvent().data(), StandardCharsets.UTF_8);
        entry.persist();
    }

    private void applyCallState(String mac, CallStateChanged e, BatchState state) {
        if (e.callReference() == null || e.callState() == null) {
            return;
        }
        String reference = Texts.clip(e.callReference(), 100);
        PhoneCall call = state.openCalls.get(BatchState.callKey(mac, reference));
        if (call == null) {
            if (CallStates.isTerminal(e.callState())) {
                return; // the end of a call we never saw begin: the log row is enough
            }
            call = new PhoneCall();
            call.mac = mac;
            call.callReference = reference;
            call.startedAt = e.occurredAt();
        }
        boolean isNew = call.id == null;
        PhoneCall open = call;
        e.lineNumber().ifPresent(n -> open.lineNumber = n);
        e.lineDirNumber().ifPresent(n -> open.lineDirNumber = Texts.clip(n, 200));
        e.callType().ifPresent(t -> open.callType = Texts.clip(t, 40));
        e.callingParty().ifPresent(p -> {
            open.callingName = Texts.clipOrNull(p.name(), 200);
            open.callingNumber = Texts.clipOrNull(p.number(), 200);
        });
        e.calledParty().ifPresent(p -> {
            open.calledName = Texts.clipOrNull(p.name(), 200);
            open.calledNumber = Texts.clipOrNull(p.number(), 200);
        });
        e.durationSeconds().ifPresent(d -> open.reportedDurationSeconds = d);
        if (open.enter(Texts.clip(e.callState(), 40), e.occurredAt())) {
            state.ended(open);
        } else {
            state.opened(open);
        }
        if (isNew) {
            open.persist(); // after the fields: Hibernate inserts the state it holds at persist time
        }
    }

    private static void addParty(Set<Term> terms, String mac, Party party) {
        if (party == null) {
            return;
        }
        addTerm(terms, mac, "party", party.name());
        addTerm(terms, mac, "party", party.number());
    }

    private static void addTerm(Set<Term> terms, String mac, String kind, String term) {
        if (term != null && !term.isBlank()) {
            terms.add(new Term(mac, kind, Texts.clip(term.strip(), 200)));
        }
    }

    private void insertTerms(Set<Term> terms) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(INSERT_TERMS)) {
                Array macs = connection.createArrayOf("varchar", terms.stream().map(Term::mac).toArray());
                Array kinds = connection.createArrayOf("varchar", terms.stream().map(Term::kind).toArray());
                Array words = connection.createArrayOf("varchar", terms.stream().map(Term::term).toArray());
                statement.setArray(1, macs);
                statement.setArray(2, kinds);
                statement.setArray(3, words);
                statement.executeUpdate();
            }
        });
    }

    /** The phones and open calls a batch touches, loaded with two queries instead of a few per event. */
    static final class BatchState {
        final Map<String, Phone> phones = new HashMap<>();
        final Map<String, PhoneCall> openCalls = new HashMap<>();
        final Map<String, Map<String, PhoneCall>> openCallsByMac = new HashMap<>();

        static BatchState load(EntityManager entityManager, List<PhoneDelivery.Known> deliveries, Instant now) {
            BatchState state = new BatchState();
            Set<String> macs = new HashSet<>();
            deliveries.forEach(d -> macs.add(d.mac()));
            if (macs.isEmpty()) {
                return state;
            }
            // native SQL: an HQL query here was re-translated by the ANTLR parser on every batch
            @SuppressWarnings("unchecked")
            List<Phone> known = entityManager.createNativeQuery("select * from phone where mac in (:macs)", Phone.class)
                    .setParameter("macs", macs).getResultList();
            known.forEach(p -> state.phones.put(p.mac, p));
            for (PhoneDelivery.Known delivery : deliveries) {
                state.phones.computeIfAbsent(delivery.mac(), mac -> {
                    PhoneEvent event = delivery.event();
                    Phone phone = Phone.firstHeard(mac, Optional.ofNullable(event.phoneIp()).orElse(""),
                            event.occurredAt().isAfter(now) ? now : event.occurredAt());
                    phone.persist();
                    return phone;
                });
            }
            // every batch needs them: an off-hook during a call must not hide the call
            @SuppressWarnings("unchecked")
            List<PhoneCall> open = entityManager.createNativeQuery(
                    "select * from phone_call where mac in (:macs) and ended_at is null", PhoneCall.class)
                    .setParameter("macs", macs).getResultList();
            open.forEach(state::opened);
            return state;
        }

        void opened(PhoneCall call) {
            openCalls.put(callKey(call.mac, call.callReference), call);
            openCallsByMac.computeIfAbsent(call.mac, m -> new HashMap<>()).put(call.callReference, call);
        }

        void ended(PhoneCall call) {
            openCalls.remove(callKey(call.mac, call.callReference));
            Map<String, PhoneCall> ofPhone = openCallsByMac.get(call.mac);
            if (ofPhone != null) {
                ofPhone.remove(call.callReference);
            }
        }

        List<PhoneCall> openCallsOf(String mac) {
            return List.copyOf(openCallsByMac.getOrDefault(mac, Map.of()).values());
        }

        static String callKey(String mac, String reference) {
            return mac + "|" + reference;
        }
    }
}
