package io.telops.dashboard.phone;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

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
import io.telops.dashboard.charts.BucketCounts;
import io.telops.dashboard.charts.Chart;
import io.telops.dashboard.events.BatchPhases;
import io.telops.dashboard.events.BatchPhases.Phase;
import io.telops.dashboard.events.EventOutcome;
import io.telops.dashboard.events.ProcessedEvents;

/**
 * Applies a batch of phone events to the read model in one transaction: ce_ids are claimed first, and only
 * the events whose claim is new change phones, calls and logs, so a redelivered batch changes nothing.
 * The batch's phones and open calls are read with one query each, the events applied in memory, and each
 * table written back with one multi-row statement ({@link PhoneTables}).
 */
@ApplicationScoped
public class PhoneProjection {
    private static final int KNOWN_TERMS = 100_000;

    private final ProcessedEvents processedEvents;
    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final KnownTerms knownTerms = new KnownTerms(KNOWN_TERMS);

    PhoneProjection(ProcessedEvents processedEvents, EntityManager entityManager,
                    TransactionSynchronizationRegistry transactions) {
        this.processedEvents = processedEvents;
        this.entityManager = entityManager;
        this.transactions = transactions;
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
        return apply(deliveries, skippedClaims, new BatchPhases());
    }

    /** As {@link #apply(List, List)}, charging each step to {@code phases} (the caller charges the commit). */
    @Transactional
    public BatchResult apply(List<PhoneDelivery> deliveries, List<ProcessedEvents.Claim> skippedClaims,
                             BatchPhases phases) {
        Instant now = Instant.now();
        // a phone event's claim is its own log row (unique ce_id, V32); other records are remembered in
        // processed_event (malformed, unknown type, set aside), and a ce_id found there is never applied
        List<ProcessedEvents.Claim> claims = new ArrayList<>(skippedClaims);
        List<PhoneTables.LogRow> logClaims = new ArrayList<>();
        Set<String> claimedHere = new HashSet<>();
        Set<String> macs = new LinkedHashSet<>();
        Set<PhoneTables.CallAt> states = new LinkedHashSet<>();
        for (PhoneDelivery delivery : deliveries) {
            if (!claimedHere.add(delivery.cloudEvent().id())) {
                continue;
            }
            if (delivery instanceof PhoneDelivery.Known known) {
                logClaims.add(logRow(known));
                macs.add(known.mac());
                if (known.event() instanceof CallStateChanged e && e.callReference() != null) {
                    states.add(new PhoneTables.CallAt(known.mac(), Texts.clip(e.callReference(), 100), e.occurredAt()));
                }
            } else {
                claims.add(new ProcessedEvents.Claim(delivery.cloudEvent().id(), delivery.cloudEvent().type(),
                        outcomeOf(delivery)));
            }
        }
        Set<String> fresh;
        PhoneTables.Loaded loaded;
        if (logClaims.isEmpty()) {
            fresh = new HashSet<>(processedEvents.claim(Topics.PHONE_EVENTS, claims));
            loaded = new PhoneTables.Loaded(Set.of(), List.of(), List.of(), List.of());
        } else {
            // claim (log rows and other ids) and read in one round trip: the reads do not depend on which claims are new
            loaded = entityManager.unwrap(Session.class).doReturningWork(connection ->
                    new PhoneTables(connection).claimAndLoad(Topics.PHONE_EVENTS, claims, logClaims, macs, states));
            fresh = new HashSet<>(loaded.fresh());
        }
        phases.lap(Phase.CLAIM_AND_LOAD);

        Map<EventOutcome, Integer> outcomes = new EnumMap<>(EventOutcome.class);
        Map<String, Integer> unknownFields = new HashMap<>();
        for (ProcessedEvents.Claim claim : skippedClaims) {
            outcomes.merge(fresh.remove(claim.eventId()) ? claim.outcome() : EventOutcome.DUPLICATE, 1, Integer::sum);
        }
        List<PhoneDelivery.Known> toApply = new ArrayList<>();
        for (PhoneDelivery delivery : deliveries) {
            // remove(): a ce_id repeated inside one batch is applied once, like one repeated across batches
            if (!fresh.remove(delivery.cloudEvent().id())) {
                outcomes.merge(EventOutcome.DUPLICATE, 1, Integer::sum);
                continue;
            }
            outcomes.merge(outcomeOf(delivery), 1, Integer::sum);
            if (delivery instanceof PhoneDelivery.Known known) {
                toApply.add(known);
                if (!known.unknownFields().isEmpty()) {
                    unknownFields.merge(known.cloudEvent().type(), known.unknownFields().size(), Integer::sum);
                }
            }
        }
        Set<String> changed = new LinkedHashSet<>();
        if (!toApply.isEmpty()) {
            List<Term> newTerms = entityManager.unwrap(Session.class)
                    .doReturningWork(connection -> applyAll(new PhoneTables(connection), toApply, loaded, now, phases));
            // remembered only once they are committed: a rolled-back term must be inserted again
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        knownTerms.committed(newTerms);
                    }
                }
            });
            toApply.forEach(k -> changed.add(k.mac()));
        }
        return new BatchResult(changed, outcomes, unknownFields);
    }

    /** Reads what the events touch, applies them in memory, writes every table once; returns the new terms. */
    private List<Term> applyAll(PhoneTables tables, List<PhoneDelivery.Known> events, PhoneTables.Loaded loaded,
                                Instant now, BatchPhases phases) throws SQLException {
        BatchState state = BatchState.of(loaded, events);
        Set<Term> terms = new LinkedHashSet<>();
        for (PhoneDelivery.Known known : events) {
            applyOne(known, now, terms, state);
        }
        List<Term> newTerms = knownTerms.unknown(terms);
        phases.lap(Phase.APPLY);
        List<Phone> stored = new ArrayList<>();
        List<Phone> created = new ArrayList<>();
        state.phones.values().forEach(p -> (state.stored.contains(p.mac) ? stored : created).add(p));
        // the events per minute of the chart, per partition: the three consumers never wait on each other's row
        BucketCounts perMinute = new BucketCounts();
        events.forEach(k -> perMinute.add(Chart.EVENTS, Topics.PHONE_EVENTS, k.cloudEvent().partition(), k.cloudEvent().receivedAt(), 1));
        tables.write(stored, created, state.newCalls(), state.changedKnownCalls(), newTerms, perMinute);
        phases.lap(Phase.WRITE);
        return newTerms;
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

    /** The history row of an event: it depends on the event alone, so it can be the event's claim. */
    static PhoneTables.LogRow logRow(PhoneDelivery.Known known) {
        PhoneEvent event = known.event();
        String callReference = event instanceof CallStateChanged e ? e.callReference() : null;
        return new PhoneTables.LogRow(known.mac(), known.cloudEvent().id(), Texts.clip(known.cloudEvent().shortType(), 60),
                event.occurredAt(), Texts.clip(Optional.ofNullable(event.utcOffset()).orElse("Z"), 10),
                Texts.clip(PhoneEventSummary.of(event), 500),
                callReference == null ? null : Texts.clip(callReference, 100),
                new String(known.cloudEvent().data(), StandardCharsets.UTF_8));
    }

    private void applyOne(PhoneDelivery.Known known, Instant now, Set<Term> terms, BatchState state) {
        PhoneEvent event = known.event();
        String mac = known.mac();
        Phone phone = state.phones.get(mac);
        phone.heard(event.phoneIp(), known.cloudEvent().receivedAt(), now);
        Phone heardPhone = phone;
        known.model().ifPresent(m -> heardPhone.model = Texts.clip(m, 120));

        if (event instanceof IncomingCall e) {
            addParty(terms, mac, e.callingParty());
            addParty(terms, mac, e.calledParty());
        } else if (event instanceof OutgoingCall e) {
            addParty(terms, mac, e.callingParty());
            addParty(terms, mac, e.calledParty());
        } else if (event instanceof CallStateChanged e) {
            applyCallState(mac, e, known.cloudEvent().receivedAt(), state);
            e.callingParty().ifPresent(p -> addParty(terms, mac, p));
            e.calledParty().ifPresent(p -> addParty(terms, mac, p));
            e.lineDirNumber().ifPresent(n -> addTerm(terms, mac, "line", n));
        } else if (event instanceof OffHook) {
            phone.hook(true, event.occurredAt());
        } else if (event instanceof OnHook) {
            phone.hook(false, event.occurredAt());
        } else if (event instanceof PhoneLocked) {
            phone.lock(true, event.occurredAt());
        } else if (event instanceof PhoneUnlocked) {
            phone.lock(false, event.occurredAt());
        } else if (event instanceof LineRegistered e) {
            LineLabel line = LineLabel.of(e.lineNumber(), e.lineAddress());
            phone.lineRegistered(line);
            line.address().ifPresent(a -> addTerm(terms, mac, "line", a));
            // a phone registers a line when it starts, and a state poll lists its lines before their calls
            state.endCalls(mac, e.lineNumber(), e.occurredAt(), InferredEnd.NOT_REPORTED);
        } else if (event instanceof LineUnregistered e) {
            phone.lineUnregistered(LineLabel.of(e.lineNumber(), e.lineAddress()));
            state.endCalls(mac, e.lineNumber(), e.occurredAt(), InferredEnd.LINE_UNREGISTERED);
        } else if (event instanceof UserLoggedIn e) {
            if (e.user() != null && !e.user().isBlank()) {
                phone.userLoggedIn(Texts.clip(e.user().strip(), 200));
                addTerm(terms, mac, "user", e.user());
            }
        } else if (event instanceof UserLoggedOut e) {
            phone.userLoggedOut(e.user().map(String::strip));
        } else if (event instanceof UiInitialized) {
            // a phone that just booted its UI has its handset down and is not locked
            phone.hook(false, event.occurredAt());
            phone.lock(false, event.occurredAt());
            state.endCalls(mac, Optional.empty(), event.occurredAt(), InferredEnd.PHONE_RESTARTED);
        }
        boolean inCall = state.hasConnectedCall(mac);
        phone.state = PhoneState.of(inCall, phone.offHook, phone.registration);
    }

    private void applyCallState(String mac, CallStateChanged e, Instant receivedAt, BatchState state) {
        if (e.callReference() == null || e.callState() == null) {
            return;
        }
        String reference = Texts.clip(e.callReference(), 100);
        PhoneCall call = state.openCalls.get(BatchState.callKey(mac, reference));
        if (call == null) {
            call = state.reopen(mac, reference, e.occurredAt());
        }
        if (call == null) {
            if (CallStates.isTerminal(e.callState())) {
                return; // the end of a call we never saw begin: the log row is enough
            }
            call = new PhoneCall();
            call.mac = mac;
            call.callReference = reference;
            call.startedAt = e.occurredAt();
        }
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
        open.heard(receivedAt);
        if (open.enter(Texts.clip(e.callState(), 40), e.occurredAt())) {
            state.ended(open);
        } else {
            state.opened(open);
        }
        state.touched(open);
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

    /** The phones and open calls a batch touches, read in one round trip instead of a few queries per event. */
    static final class BatchState {
        final Map<String, Phone> phones = new HashMap<>();
        /** The MACs of the phones read from the table (the others are new in this batch). */
        final Set<String> stored = new HashSet<>();
        final Map<String, PhoneCall> openCalls = new HashMap<>();
        final Map<String, Map<String, PhoneCall>> openCallsByMac = new HashMap<>();
        /** Calls a registration ended, by call key: the rest of the same state poll may reopen them. */
        private final Map<String, PhoneCall> notReported = new HashMap<>();
        /** Calls this batch changed, new ones (no id yet) and stored ones, each once. */
        private final Set<PhoneCall> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        private final List<PhoneCall> touchedInOrder = new ArrayList<>();

        /** The state of the phones of {@code deliveries} (the events to apply), from what the batch read. */
        static BatchState of(PhoneTables.Loaded loaded, List<PhoneDelivery.Known> deliveries) {
            BatchState state = new BatchState();
            Set<String> macs = new HashSet<>();
            deliveries.forEach(d -> macs.add(d.mac()));
            // only the phones that change: those of copies were read too, and are left as they are
            loaded.phones().stream().filter(p -> macs.contains(p.mac)).forEach(p -> {
                state.phones.put(p.mac, p);
                state.stored.add(p.mac);
            });
            for (PhoneDelivery.Known delivery : deliveries) {
                state.phones.computeIfAbsent(delivery.mac(), mac -> {
                    PhoneEvent event = delivery.event();
                    // heard() counts the event and moves lastHeardAt on; first heard is when it was received
                    return Phone.firstHeard(mac, Optional.ofNullable(event.phoneIp()).orElse(""),
                            delivery.cloudEvent().receivedAt());
                });
            }
            // every batch needs them: an off-hook during a call must not hide the call
            loaded.openCalls().stream().filter(c -> macs.contains(c.mac)).forEach(state::opened);
            loaded.notReported().forEach(c -> state.notReported.put(callKey(c.mac, c.callReference), c));
            return state;
        }

        /**
         * Ends the phone's open calls on {@code line} (every line when absent, or the call's line unknown) whose
         * latest state is older than {@code at}: the phone shows by then that they are over.
         */
        void endCalls(String mac, Optional<Integer> line, Instant at, InferredEnd reason) {
            for (PhoneCall call : List.copyOf(openCallsByMac.getOrDefault(mac, Map.of()).values())) {
                boolean onLine = line.isEmpty() || call.lineNumber == null || call.lineNumber.equals(line.get());
                if (onLine && call.lastStateAt().isBefore(at)) {
                    call.endInferred(at, reason);
                    ended(call);
                    touched(call);
                    if (reason == InferredEnd.NOT_REPORTED) {
                        notReported.put(callKey(mac, call.callReference), call);
                    }
                }
            }
        }

        /** The call a registration ended at {@code at} exactly, reopened: the same poll lists it as going on. */
        PhoneCall reopen(String mac, String reference, Instant at) {
            PhoneCall call = notReported.get(callKey(mac, reference));
            if (call == null || !at.equals(call.endedAt)) {
                return null;
            }
            notReported.remove(callKey(mac, reference));
            call.reopen();
            opened(call);
            touched(call);
            return call;
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

        void touched(PhoneCall call) {
            if (touched.add(call)) {
                touchedInOrder.add(call);
            }
        }

        List<PhoneCall> newCalls() {
            return touchedInOrder.stream().filter(c -> c.id == null).toList();
        }

        List<PhoneCall> changedKnownCalls() {
            return touchedInOrder.stream().filter(c -> c.id != null).toList();
        }

        boolean hasConnectedCall(String mac) {
            return openCallsByMac.getOrDefault(mac, Map.of()).values().stream().anyMatch(c -> c.connectedAt != null);
        }

        static String callKey(String mac, String reference) {
            return mac + "|" + reference;
        }
    }
}
