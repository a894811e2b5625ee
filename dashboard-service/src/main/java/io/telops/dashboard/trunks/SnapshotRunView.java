package io.telops.dashboard.trunks;

import java.time.Instant;
import java.util.Optional;

/** A snapshot run as the view received it: complete once {@code seen} reached {@code size}. */
public record SnapshotRunView(String snapshotId, String enterpriseId, int size, int seen, Instant observedAt,
                              Optional<Instant> completedAt) {
}
