package io.telops.vats.trunk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkChanges;
import io.telops.contracts.vats.TrunkState;

/** The pure comparison of two observations of the cabinet: one delta per trunk that changed, none for the others. */
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
            List<TrunkChange> changes = TrunkChanges.between(before, after);
            if (!changes.isEmpty()) {
                deltas.add(new TrunkDelta(id, before, after, changes));
            }
        }
        return deltas;
    }
}
