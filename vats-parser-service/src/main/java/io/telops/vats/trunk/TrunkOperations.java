package io.telops.vats.trunk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkChangeOrigin;
import io.telops.contracts.vats.TrunkChanges;
import io.telops.contracts.vats.TrunkState;
import io.telops.vats.audit.AuditLog;
import io.telops.vats.cabinet.DeviceForm;
import io.telops.vats.cabinet.SipDevice;
import io.telops.vats.client.CabinetException;
import io.telops.vats.client.VatsCabinetClient;
import io.telops.vats.events.OutboxStore;

/**
 * Operator actions on trunks: switch a trunk's SIP device on or off (activate/deactivate) and add or
 * restore SIP devices for a list of numbers. Each action is audited, success or not; what it changed is
 * stored and published as a {@code trunk-changed} event with origin OPERATOR in the same transaction.
 */
@ApplicationScoped
public class TrunkOperations {
    private static final Logger LOG = Logger.getLogger(TrunkOperations.class);

    private final VatsCabinetClient client;
    private final TrunkStore store;
    private final OutboxStore outbox;
    private final AuditLog audit;

    TrunkOperations(VatsCabinetClient client, TrunkStore store, OutboxStore outbox, AuditLog audit) {
        this.client = client;
        this.store = store;
        this.outbox = outbox;
        this.audit = audit;
    }

    public ActivationResult setActivated(long trunkId, boolean on, String actor) {
        String action = on ? "trunk.activate" : "trunk.deactivate";
        try {
            StoredTrunk trunk = QuarkusTransaction.requiringNew().call(() -> store.find(trunkId))
                    .filter(StoredTrunk::present).orElseThrow(() -> new TrunkException.NotFound("trunk " + trunkId));
            DeviceForm form = client.deviceForm(trunkId);
            SipDevice device = form.sipDevice().orElseThrow(() -> new TrunkException.NoSipDevice(trunkId));
            DeviceForm after = device.enabled() == on ? form
                    : client.switchDevice(device.deviceId().orElseThrow(() -> new CabinetException.UnexpectedLayout(
                            "device of trunk " + trunkId + " has no id", null)), on);
            boolean nowOn = after.sipDevice().map(SipDevice::enabled).orElse(false);
            if (nowOn != on) {
                throw new CabinetException.UnexpectedLayout("the cabinet answered the switch with the device "
                        + (nowOn ? "on" : "off"), null);
            }
            // the switch moves the SIP device only; the abonent's activation flag is the cabinet's, and the next sync reads it
            TrunkState next = withSipDevice(trunk.state(), on);
            List<TrunkChange> changes = QuarkusTransaction.requiringNew().call(() -> {
                List<TrunkChange> applied = record(trunk.enterpriseId(), trunkId, next, actor);
                audit.record(actor, action, Long.toString(trunkId), "ok", applied.isEmpty() ? "already so" : applied.toString());
                return applied;
            });
            return new ActivationResult(trunkId, next, changes);
        } catch (TrunkException | CabinetException e) {
            audit.recordSeparately(actor, action, Long.toString(trunkId), "failed", kind(e) + ": " + e.getMessage());
            throw e;
        }
    }

    /** One result per distinct requested number, in request order; the cabinet is asked one number at a time. */
    public List<DeviceResult> addDevices(List<String> numbers, String actor) {
        List<DeviceResult> results = new ArrayList<>();
        for (String requested : new LinkedHashSet<>(numbers)) {
            DeviceResult result = addDevice(requested, actor);
            results.add(result);
            audit.recordSeparately(actor, "trunk.add-device", requested, result.outcome().name(),
                    result.trunkId().map(id -> "trunk " + id).orElse("") + result.detail().map(d -> " " + d).orElse(""));
        }
        return results;
    }

    private DeviceResult addDevice(String requested, String actor) {
        String number;
        try {
            number = TrunkStates.normalise(requested);
        } catch (IllegalArgumentException e) {
            return new DeviceResult(requested, DeviceOutcome.INVALID_NUMBER, Optional.empty(), Optional.of(e.getMessage()));
        }
        Optional<StoredTrunk> found = QuarkusTransaction.requiringNew().call(() -> store.findPresentByPhone(number));
        if (found.isEmpty()) {
            return new DeviceResult(requested, DeviceOutcome.UNKNOWN_NUMBER, Optional.empty(), Optional.empty());
        }
        StoredTrunk trunk = found.get();
        long trunkId = trunk.trunkId();
        try {
            DeviceForm form = client.deviceForm(trunkId);
            Optional<SipDevice> existing = form.sipDevice();
            DeviceOutcome outcome;
            DeviceForm after;
            if (existing.isPresent() && existing.get().enabled()) {
                outcome = DeviceOutcome.ALREADY_PRESENT;
                after = form;
            } else if (existing.isPresent() && existing.get().deviceId().isPresent()) {
                outcome = DeviceOutcome.RESTORED;
                after = client.switchDevice(existing.get().deviceId().get(), true);
            } else {
                outcome = DeviceOutcome.CREATED;
                SipDevice device = SipDevice.genericSipPhone(trunkId, Optional.empty(), trunk.enterpriseId(),
                        "mobsip_" + number.substring(1));
                after = client.createDevice(new DeviceForm(trunkId, List.of(device), 0));
            }
            if (!after.sipDevice().map(SipDevice::enabled).orElse(false)) {
                return new DeviceResult(requested, DeviceOutcome.FAILED, Optional.of(trunkId),
                        Optional.of("the cabinet accepted the request but shows no working device"));
            }
            TrunkState next = withSipDevice(trunk.state(), true);
            QuarkusTransaction.requiringNew().run(() -> record(trunk.enterpriseId(), trunkId, next, actor));
            return new DeviceResult(requested, outcome, Optional.of(trunkId), Optional.empty());
        } catch (CabinetException e) {
            LOG.warnf("adding a device for trunk %d failed: %s", trunkId, e.getMessage());
            return new DeviceResult(requested, DeviceOutcome.FAILED, Optional.of(trunkId), Optional.of(e.kind() + ": " + e.getMessage()));
        }
    }

    private static TrunkState withSipDevice(TrunkState s, boolean on) {
        return new TrunkState(s.phoneNumber(), s.displayName(), s.activated(), s.markedForDeletion(), s.bindingWorking(),
                s.blocked(), on);
    }

    /** Stores the new state of one trunk and publishes what changed; inside the caller's transaction. */
    private List<TrunkChange> record(long enterpriseId, long trunkId, TrunkState next, String actor) {
        Optional<TrunkState> before = store.find(trunkId).filter(StoredTrunk::present).map(StoredTrunk::state);
        List<TrunkChange> changes = TrunkChanges.between(before, Optional.of(next));
        if (changes.isEmpty()) {
            return changes;
        }
        TrunkDelta delta = new TrunkDelta(trunkId, before, Optional.of(next), changes);
        Instant now = Instant.now();
        store.apply(enterpriseId, List.of(delta), now);
        outbox.append(List.of(TrunkSyncService.changed(delta, enterpriseId, "op-" + UUID.randomUUID(), TrunkChangeOrigin.OPERATOR,
                Optional.of(actor), now)));
        return changes;
    }

    private static String kind(RuntimeException e) {
        if (e instanceof TrunkException t) {
            return t.kind();
        }
        return ((CabinetException) e).kind();
    }
}
