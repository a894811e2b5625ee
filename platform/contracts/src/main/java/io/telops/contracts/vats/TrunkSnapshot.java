package io.telops.contracts.vats;

import java.time.Instant;

/**
 * The full state of one trunk, published for every trunk by the periodic snapshot so that a consumer
 * can (re)build its view from the topic alone. All events of one snapshot share {@code snapshotId} and
 * carry its size, so a consumer knows when it has seen all of them.
 */
public record TrunkSnapshot(String trunkId, String enterpriseId, String snapshotId, int snapshotSize,
                            Instant observedAt, TrunkState state) implements VatsTrunkEvent {
}
