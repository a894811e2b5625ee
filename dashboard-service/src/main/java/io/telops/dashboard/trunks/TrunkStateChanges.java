package io.telops.dashboard.trunks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkState;

/**
 * The changes between two observations of one trunk, named as vats-parser-service names them in its trunk-changed
 * events (copied knowledge, not a shared library): used when a snapshot shows a state no change event brought.
 */
final class TrunkStateChanges {
    private TrunkStateChanges() {
    }

    static List<TrunkChange> between(Optional<TrunkState> before, Optional<TrunkState> after) {
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
