package io.telops.vats.trunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkState;

/** The pure comparison of two observations: one delta per trunk that changed, none for the others. */
public final class TrunkDiff {
    private TrunkDiff() {
    }

    public static List<TrunkDelta> diff(Map<Long, TrunkState> known, Map<Long, TrunkState> observed) {
        List<TrunkDelta> deltas = new ArrayList<>();
        TreeSet<Long> ids = new TreeSet<>(known.keySet());
        ids.addAll(observed.keySet());
        for (long id : ids) {
            Optional<TrunkState> before = Optional.ofNullable(known.get(id));
            Optional<TrunkState> after = Optional.ofNullable(observed.get(id));
            List<TrunkChange> changes = changes(before, after);
            if (!changes.isEmpty()) {
                deltas.add(new TrunkDelta(id, before, after, changes));
            }
        }
        return deltas;
    }

    public static List<TrunkChange> changes(Optional<TrunkState> before, Optional<TrunkState> after) {
        if (before.isEmpty() && after.isEmpty()) {
            return List.of();
        }
        if (before.isEmpty()) {
            return List.of(TrunkChange.APPEARED);
        }
        if (after.isEmpty()) {
            return List.of(TrunkChange.DISAPPEARED);
        }
        TrunkState a = before.get();
        TrunkState b = after.get();
        List<TrunkChange> changes = new ArrayList<>();
        flag(changes, a.activated(), b.activated(), TrunkChange.ACTIVATED, TrunkChange.DEACTIVATED);
        flag(changes, a.markedForDeletion(), b.markedForDeletion(), TrunkChange.MARKED_FOR_DELETION, TrunkChange.UNMARKED_FOR_DELETION);
        flag(changes, a.bindingWorking(), b.bindingWorking(), TrunkChange.BINDING_RESTORED, TrunkChange.BINDING_LOST);
        flag(changes, a.blocked(), b.blocked(), TrunkChange.BLOCKED, TrunkChange.UNBLOCKED);
        flag(changes, a.sipDeviceOn(), b.sipDeviceOn(), TrunkChange.SIP_DEVICE_ON, TrunkChange.SIP_DEVICE_OFF);
        if (!a.phoneNumber().equals(b.phoneNumber()) || !a.displayName().equals(b.displayName())) {
            changes.add(TrunkChange.DETAILS_CHANGED);
        }
        return changes;
    }

    private static void flag(List<TrunkChange> changes, boolean before, boolean after, TrunkChange on, TrunkChange off) {
        if (!before && after) {
            changes.add(on);
        } else if (before && !after) {
            changes.add(off);
        }
    }
}
