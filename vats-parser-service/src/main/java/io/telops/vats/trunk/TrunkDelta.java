package io.telops.vats.trunk;

import java.util.List;
import java.util.Optional;

import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkState;

/** How one trunk differs between the stored and the observed state. */
public record TrunkDelta(long trunkId, Optional<TrunkState> previous, Optional<TrunkState> current, List<TrunkChange> changes) {
    public TrunkDelta {
        changes = List.copyOf(changes);
    }
}
