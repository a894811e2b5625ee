package io.telops.vats.trunk;

import java.util.List;

import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkState;

/** A trunk after an activate/deactivate, with what changed (empty when it already was so). */
public record ActivationResult(long trunkId, TrunkState state, List<TrunkChange> changes) {
    public ActivationResult {
        changes = List.copyOf(changes);
    }
}
