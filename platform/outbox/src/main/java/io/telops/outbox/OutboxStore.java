package io.telops.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the outbox lives, as the relay sees it. {@link PostgresOutboxStore} is the default; a service on another
 * store (call-forward's MongoDB) provides its own bean and keeps the same relay, metrics and purge.
 */
public interface OutboxStore {

    /** Makes the store ready (creates or upgrades its table); called once at start, before the relay runs. */
    default void prepare() throws Exception {
    }

    /**
     * Claims up to {@code limit} pending events in the order they were written, created at least {@code olderThan}
     * ago. Empty when there are none, or when another relay holds the work (leader lock, lease).
     */
    Claim claim(int limit, Duration olderThan) throws Exception;

    /** Records events the broker acknowledged that were never claimed (handed over in memory after their commit). */
    void acknowledge(Collection<UUID> ids) throws Exception;

    /**
     * As {@link #acknowledge(Collection)}, with the position each event got in the store where the writer knows it
     * ({@code seqs[i]} for the i-th id, -1 where unknown): a store may find the rows by it.
     */
    default void acknowledge(List<UUID> ids, long[] seqs) throws Exception {
        acknowledge(ids);
    }

    /** How many events wait, and when the oldest of them was written. */
    Backlog backlog() throws Exception;

    /** Removes published events written before {@code cutoff}, {@code batch} per transaction; returns how many. */
    long purge(Instant cutoff, int batch) throws Exception;

    /** Claimed events: acknowledged ones are recorded by {@link #acknowledged}; closing releases the others. */
    interface Claim extends AutoCloseable {
        List<OutboxEvent> events();

        /** Records these events as published (deleted or marked) and ends the claim. */
        void acknowledged(Collection<UUID> ids) throws Exception;

        @Override
        void close() throws Exception;
    }

    record Backlog(long depth, Optional<Instant> oldest) {
        public static final Backlog EMPTY = new Backlog(0, Optional.empty());

        /** Seconds since the oldest pending event was written; 0 with none. */
        public double lagSeconds(Instant now) {
            return oldest.map(o -> Math.max(0, Duration.between(o, now).toMillis() / 1000.0)).orElse(0.0);
        }
    }

    /** A claim holding nothing. */
    static Claim none() {
        return new Claim() {
            @Override
            public List<OutboxEvent> events() {
                return List.of();
            }

            @Override
            public void acknowledged(Collection<UUID> ids) {
            }

            @Override
            public void close() {
            }
        };
    }
}
