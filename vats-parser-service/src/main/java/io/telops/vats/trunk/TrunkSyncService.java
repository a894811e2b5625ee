package io.telops.vats.trunk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.telops.contracts.vats.GuardOutcome;
import io.telops.contracts.vats.SyncGuardTripped;
import io.telops.contracts.vats.TrunkChangeOrigin;
import io.telops.contracts.vats.TrunkChanged;
import io.telops.contracts.vats.TrunkSnapshot;
import io.telops.contracts.vats.TrunkState;
import io.telops.contracts.vats.VatsEvent;
import io.telops.vats.cabinet.AbonentFilter;
import io.telops.vats.cabinet.AbonentRow;
import io.telops.vats.client.CabinetException;
import io.telops.vats.client.CabinetHealth;
import io.telops.vats.client.VatsCabinetClient;
import io.telops.vats.client.VatsConfig;
import io.telops.vats.events.OutboxStore;
import io.telops.vats.restapi.AbonentCrossCheckService;

/**
 * Sync: read every trunk from the cabinet first, then — in one transaction — diff against the stored
 * state, store the changes and append one {@code trunk-changed} event per changed trunk to the outbox
 * (and one {@code sync-guard-tripped} OVERRIDDEN when an admin's override let a mass disappearance through).
 * A cabinet failure at any page leaves store and outbox untouched, so no partial state is ever
 * published. A refused sync stores nothing and appends only its {@code sync-guard-tripped} REFUSED, in a
 * transaction of its own. A snapshot is a sync that also appends a {@code trunk-snapshot} for every trunk.
 */
@ApplicationScoped
public class TrunkSyncService {
    private static final Logger LOG = Logger.getLogger(TrunkSyncService.class);

    private final VatsCabinetClient client;
    private final TrunkStore store;
    private final OutboxStore outbox;
    private final CabinetHealth health;
    private final AbonentCrossCheckService crossCheck;
    private final SyncOverrides overrides;
    private final MeterRegistry registry;
    private final double maxDisappearedRatio;
    private final AbonentFilter listFilter;
    private final ReentrantLock running = new ReentrantLock();

    TrunkSyncService(VatsCabinetClient client, TrunkStore store, OutboxStore outbox, CabinetHealth health,
                     AbonentCrossCheckService crossCheck, SyncOverrides overrides, MeterRegistry registry, VatsConfig config) {
        this.crossCheck = crossCheck;
        this.overrides = overrides;
        this.client = client;
        this.store = store;
        this.outbox = outbox;
        this.health = health;
        this.registry = registry;
        this.maxDisappearedRatio = config.sync().maxDisappearedRatio();
        this.listFilter = AbonentFilter.ofSeedCode(config.sync().listFilter());
    }

    public SyncResult sync(String trigger) {
        return run("sync", trigger, false);
    }

    public SyncResult snapshot(String trigger) {
        return run("snapshot", trigger, true);
    }

    private SyncResult run(String kind, String trigger, boolean snapshot) {
        if (!running.tryLock()) {
            throw new TrunkException.SyncInProgress();
        }
        Timer.Sample sample = Timer.start(registry);
        UUID runId = UUID.randomUUID();
        Instant started = Instant.now();
        String outcome = "failed";
        try {
            Map<Long, TrunkState> observed = new LinkedHashMap<>();
            Map<Long, String> skipped = new LinkedHashMap<>();
            long enterpriseId;
            try {
                for (AbonentRow row : client.listAllTrunks(listFilter)) {
                    Optional<String> unusable = TrunkStates.unusable(row);
                    if (unusable.isPresent()) {
                        skipped.put(row.id(), unusable.get());
                    } else {
                        observed.put(row.id(), TrunkStates.of(row));
                    }
                }
                enterpriseId = client.enterpriseId();
            } catch (CabinetException e) {
                if (e instanceof CabinetException.UnexpectedLayout) {
                    health.failed(e);
                }
                recordFailure(runId, kind, trigger, started, "failed", e.kind(), e.getMessage());
                LOG.warnf("%s %s failed (%s): %s; nothing stored or published", kind, runId, e.kind(), e.getMessage());
                throw e;
            }
            reportSkipped(kind, runId, skipped);
            SyncResult result;
            try {
                result = QuarkusTransaction.requiringNew().call(() -> store(runId, kind, trigger, started, enterpriseId, observed,
                        skipped.keySet(), snapshot));
            } catch (TrunkException.SyncRefused e) {
                registry.counter("vats.sync.guard.tripped").increment();
                LOG.warnf("%s %s: disappearance guard tripped, nothing stored, only the guard event published: %s", kind, runId,
                        e.getMessage());
                health.syncRefused(e.getMessage());
                recordRefusal(runId, kind, trigger, started, e);
                outcome = "refused";
                throw e;
            }
            health.syncCompleted(result.trunks());
            outcome = "ok";
            // reported only: the REST API's view never changes what was stored or published
            crossCheck.afterSync(observed, skipped.keySet());
            registry.counter("vats.sync.changes").increment(result.changed());
            LOG.infof("%s %s (%s): %d trunks, %d changed, %d snapshot events in %d ms", kind, runId, trigger, result.trunks(),
                    result.changed(), result.snapshotEvents(), java.time.Duration.between(started, Instant.now()).toMillis());
            return result;
        } finally {
            sample.stop(registry.timer("vats.sync.runs", "kind", kind, "outcome", outcome));
            running.unlock();
        }
    }

    private SyncResult store(UUID runId, String kind, String trigger, Instant started, long enterpriseId,
                             Map<Long, TrunkState> observed, Set<Long> skipped, boolean snapshot) {
        if (!store.tryLockForSync()) {
            throw new TrunkException.SyncInProgress();
        }
        Map<Long, TrunkState> known = new LinkedHashMap<>();
        // a skipped row is still listed: its stored state stays as it was, it did not disappear
        store.loadAll().values().stream().filter(StoredTrunk::present).filter(t -> !skipped.contains(t.trunkId()))
                .forEach(t -> known.put(t.trunkId(), t.state()));
        List<TrunkDelta> deltas = TrunkDiff.diff(known, observed);
        Optional<SyncGuardTripped> overridden = guardDisappearances(kind, runId, trigger, enterpriseId, known.size(),
                observed.size(), (int) deltas.stream().filter(d -> d.current().isEmpty()).count());
        Instant now = Instant.now();
        store.apply(enterpriseId, deltas, now);
        store.touchPresent(now);
        List<VatsEvent> events = new ArrayList<>(deltas.size() + 1);
        overridden.ifPresent(events::add);
        for (TrunkDelta d : deltas) {
            events.add(changed(d, enterpriseId, runId.toString(), TrunkChangeOrigin.SYNC, Optional.empty(), now));
        }
        int snapshotEvents = 0;
        if (snapshot) {
            String snapshotId = runId.toString();
            for (Map.Entry<Long, TrunkState> e : observed.entrySet()) {
                events.add(new TrunkSnapshot(Long.toString(e.getKey()), Long.toString(enterpriseId), snapshotId, observed.size(),
                        now, e.getValue()));
            }
            snapshotEvents = observed.size();
        }
        outbox.append(events);
        store.recordRun(new SyncRun(runId, kind, trigger, started, Instant.now(), "ok", observed.size(), deltas.size(),
                Optional.empty(), Optional.empty()));
        return new SyncResult(runId, kind, observed.size(), deltas.size(), deltas.stream().map(TrunkDelta::trunkId).toList(),
                snapshotEvents, skipped.size());
    }

    /**
     * Refuses an empty answer or one that makes too many known trunks disappear, unless an admin's override is
     * open. A complete answer spends the override whether it needed it or not: it is for one sync. Answers the
     * OVERRIDDEN event when an override let an implausible answer through; a refusal carries its REFUSED event.
     */
    private Optional<SyncGuardTripped> guardDisappearances(String kind, UUID runId, String trigger, long enterpriseId, int known,
                                                           int listed, int disappeared) {
        boolean implausible = known > 0 && (listed == 0 || disappeared > maxDisappearedRatio * known);
        Instant now = Instant.now();
        Optional<SyncOverride> override = overrides.spend(runId, now);
        if (implausible && override.isEmpty()) {
            throw new TrunkException.SyncRefused("the cabinet listed " + listed + " trunks, which would make " + disappeared
                    + " of " + known + " known trunks disappear; refusing to believe it. If that is real, an admin "
                    + "can let one sync through with POST /api/trunks/sync-overrides",
                    new SyncGuardTripped(Long.toString(enterpriseId), runId.toString(), now, trigger, known, listed, disappeared,
                            maxDisappearedRatio, GuardOutcome.REFUSED, Optional.empty(), Optional.empty()));
        }
        if (override.isEmpty()) {
            return Optional.empty();
        }
        SyncOverride used = override.get();
        String what = disappeared + " of " + known + " known trunks disappeared (" + listed + " listed)";
        overrides.recordUse(used, runId, implausible ? "allowed past the guard: " + what : "not needed: " + what);
        if (!implausible) {
            return Optional.empty();
        }
        registry.counter("vats.sync.guard.overridden").increment();
        LOG.warnf("%s %s passes the disappearance guard on override %d of %s (granted %s): %s", kind, runId, used.id(),
                used.createdBy(), used.createdAt(), what);
        return Optional.of(new SyncGuardTripped(Long.toString(enterpriseId), runId.toString(), now, trigger, known, listed,
                disappeared, maxDisappearedRatio, GuardOutcome.OVERRIDDEN, Optional.of(used.createdBy()), Optional.of(used.id())));
    }

    /** The refused run and its REFUSED event, together, in a transaction of their own: the sync's rolled back. */
    private void recordRefusal(UUID runId, String kind, String trigger, Instant started, TrunkException.SyncRefused refused) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                store.recordRun(new SyncRun(runId, kind, trigger, started, Instant.now(), "refused", 0, 0,
                        Optional.of(refused.kind()), Optional.ofNullable(refused.getMessage())));
                outbox.append(List.of(refused.tripped()));
            });
        } catch (RuntimeException e) {
            LOG.warnf("cannot record the refused run %s nor publish its guard event: %s", runId, e.getMessage());
        }
    }

    /** One warning per run and a count per reason; the rows' numbers are not logged, they are not there. */
    private void reportSkipped(String kind, UUID runId, Map<Long, String> skipped) {
        if (skipped.isEmpty()) {
            return;
        }
        Map<String, Long> byReason = new TreeMap<>();
        skipped.values().forEach(reason -> byReason.merge(reason, 1L, Long::sum));
        byReason.forEach((reason, n) -> registry.counter("vats.sync.rows.skipped", "reason", reason).increment(n));
        LOG.warnf("%s %s: skipped %d abonents without a usable phone number %s, e.g. %s; the rest is kept", kind, runId,
                skipped.size(), byReason, skipped.keySet().stream().limit(10).toList());
    }

    static TrunkChanged changed(TrunkDelta d, long enterpriseId, String runId, TrunkChangeOrigin origin, Optional<String> actor,
                                Instant at) {
        return new TrunkChanged(Long.toString(d.trunkId()), Long.toString(enterpriseId), runId, origin, actor, at, d.changes(),
                d.previous(), d.current());
    }

    private void recordFailure(UUID runId, String kind, String trigger, Instant started, String outcome, String errorKind,
                               String error) {
        try {
            QuarkusTransaction.requiringNew().run(() -> store.recordRun(new SyncRun(runId, kind, trigger, started, Instant.now(),
                    outcome, 0, 0, Optional.of(errorKind), Optional.ofNullable(error))));
        } catch (RuntimeException e) {
            LOG.warnf("cannot record the failed run %s: %s", runId, e.getMessage());
        }
    }
}
