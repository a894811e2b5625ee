package io.telops.vats.trunk;

import java.time.Instant;
import java.util.List;

import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkState;

/** A trunk as this service last saw it. */
public record StoredTrunk(long trunkId, long enterpriseId, TrunkState state, boolean present, Instant firstSeenAt,
                          Instant lastSeenAt, Instant lastChangedAt, List<TrunkChange> lastChanges) {
    public StoredTrunk {
        lastChanges = List.copyOf(lastChanges);
    }
}
