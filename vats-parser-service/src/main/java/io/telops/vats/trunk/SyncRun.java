package io.telops.vats.trunk;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** One sync or snapshot run as recorded in {@code sync_run}. */
public record SyncRun(UUID runId, String kind, String trigger, Instant startedAt, Instant finishedAt, String outcome,
                      int trunks, int changed, Optional<String> errorKind, Optional<String> error) {
}
