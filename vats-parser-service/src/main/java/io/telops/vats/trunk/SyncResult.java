package io.telops.vats.trunk;

import java.util.List;
import java.util.UUID;

/**
 * What a sync stored and published.
 *
 * @param skipped listed abonents left out because they carry no usable phone number
 */
public record SyncResult(UUID runId, String kind, int trunks, int changed, List<Long> changedTrunkIds, int snapshotEvents,
                         int skipped) {
    public SyncResult {
        changedTrunkIds = List.copyOf(changedTrunkIds);
    }
}
