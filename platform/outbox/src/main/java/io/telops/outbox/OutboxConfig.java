package io.telops.outbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox's settings, the same keys in every service. */
@ConfigMapping(prefix = "telops.outbox")
public interface OutboxConfig {
    /** Whether this instance runs the relay (writing to the outbox works either way). */
    @WithDefault("true")
    boolean enabled();

    /** The CloudEvents {@code ce_source}; default {@code /} + {@code quarkus.application.name}. */
    Optional<String> source();

    /** How long the relay waits for new rows when the table was empty (it drains a backlog without waiting). */
    @WithDefault("100ms")
    Duration interval();

    /** Rows per relay batch (one claim, one wait for the broker's acks, one commit). */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch before it releases the rest. */
    @WithDefault("30s")
    Duration ackTimeout();

    /** {@code leader}: one relay at a time (advisory lock), per-key order kept across replicas; {@code shared}: replicas split the rows (SKIP LOCKED). */
    @WithDefault("leader")
    Claiming claiming();

    /** The PostgreSQL advisory lock key of the leader (one database per service, so one key is enough). */
    @WithDefault("4573001")
    long leaderLock();

    /** How long published rows stay in the table; 0: deleted as soon as the broker acknowledged them. */
    @WithDefault("0s")
    Duration retention();

    /** How often the purge removes published rows past the retention. */
    @WithDefault("1h")
    Duration purgeEvery();

    /** Rows deleted per purge transaction. */
    @WithDefault("10000")
    int purgeBatch();

    /** How often the depth and lag gauges are read from the store. */
    @WithDefault("5s")
    Duration metricsEvery();

    /**
     * The depth gauge from PostgreSQL's statistics (live rows, reported within about a second) instead of a count of
     * the pending rows; only with {@code retention=0s}, where the table holds nothing else. For a busy table.
     */
    @WithDefault("false")
    boolean depthFromStatistics();

    /** The in-memory fast path: committed rows handed to the relay, the table read only for leftovers. */
    HandOff handOff();

    interface HandOff {
        /** Capacity of the hand-off queue; 0 turns the fast path off (the relay reads the table). */
        @WithDefault("0")
        int queue();

        /** How often the relay also reads rows left in the table by another replica or a crash. */
        @WithDefault("5s")
        Duration recoveryPoll();

        /** Only rows at least this old are read then: younger ones may still be on their way from memory. */
        @WithDefault("10s")
        Duration recoveryAge();
    }

    enum Claiming {
        LEADER, SHARED
    }
}
