package io.telops.contracts.vats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The changes between two observations of one trunk, as a {@link TrunkChanged} event names them: vats-parser-service
 * when it compares the cabinet with what it knew, the dashboard when a snapshot shows a state no event brought.
 */
public final class TrunkChanges {
    private TrunkChanges() {
    }

    /** None when nothing this contract names moved; an absent side is a trunk that appeared or disappeared. */
    public static List<TrunkChange> between(Optional<TrunkState> before, Optional<TrunkState> after) {
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
