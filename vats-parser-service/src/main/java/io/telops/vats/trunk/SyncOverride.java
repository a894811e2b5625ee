package io.telops.vats.trunk;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An admin's permission for the next complete sync to pass the disappearance guard. The next sync that gets
 * a complete answer spends it, whether it needed it or not; unused, it lapses at {@code expiresAt}.
 */
public record SyncOverride(long id, String createdBy, Instant createdAt, Instant expiresAt, Optional<Instant> usedAt,
                           Optional<UUID> usedByRun) {
}
