package io.telops.vats.trunk;

import java.util.List;
import java.util.UUID;

/** What a sync stored and published. */
public record SyncResult(UUID runId, String kind, int trunks, int changed, List<Long> changedTrunkIds, int snapshotEvents) {
    public SyncResult {
        changedTrunkIds = List.copyOf(changedTrunkIds);
    }
}
