package io.telops.outbox;

import java.time.Duration;
import java.util.Optional;

/** {@link OutboxConfig} as a value, for a relay built without Quarkus (tests, benchmarks); the mapping's defaults, withers change one key. */
public record OutboxSettings(boolean enabled, Optional<String> source, Duration interval, int batchSize, Duration ackTimeout,
                             Claiming claiming, long leaderLock, Duration retention, Duration purgeEvery, int purgeBatch,
                             Duration metricsEvery, boolean depthFromStatistics, HandOff handOff) implements OutboxConfig {

    public record HandOffSettings(int queue, Duration recoveryPoll, Duration recoveryAge) implements OutboxConfig.HandOff {
    }

    public static OutboxSettings defaults() {
        return new OutboxSettings(true, Optional.empty(), Duration.ofMillis(100), 500, Duration.ofSeconds(30), Claiming.LEADER,
                4573001, Duration.ZERO, Duration.ofHours(1), 10_000, Duration.ofSeconds(5), false,
                new HandOffSettings(0, Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    public OutboxSettings batchSize(int n) {
        return new OutboxSettings(enabled, source, interval, n, ackTimeout, claiming, leaderLock, retention, purgeEvery, purgeBatch, metricsEvery, depthFromStatistics, handOff);
    }

    public OutboxSettings ackTimeout(Duration d) {
        return new OutboxSettings(enabled, source, interval, batchSize, d, claiming, leaderLock, retention, purgeEvery, purgeBatch, metricsEvery, depthFromStatistics, handOff);
    }

    public OutboxSettings claiming(Claiming c) {
        return new OutboxSettings(enabled, source, interval, batchSize, ackTimeout, c, leaderLock, retention, purgeEvery, purgeBatch, metricsEvery, depthFromStatistics, handOff);
    }

    public OutboxSettings retention(Duration d) {
        return new OutboxSettings(enabled, source, interval, batchSize, ackTimeout, claiming, leaderLock, d, purgeEvery, purgeBatch, metricsEvery, depthFromStatistics, handOff);
    }

    public OutboxSettings purgeBatch(int n) {
        return new OutboxSettings(enabled, source, interval, batchSize, ackTimeout, claiming, leaderLock, retention, purgeEvery, n, metricsEvery, depthFromStatistics, handOff);
    }

    public OutboxSettings handOff(int queue, Duration recoveryPoll, Duration recoveryAge) {
        return new OutboxSettings(enabled, source, interval, batchSize, ackTimeout, claiming, leaderLock, retention, purgeEvery, purgeBatch,
                metricsEvery, depthFromStatistics, new HandOffSettings(queue, recoveryPoll, recoveryAge));
    }

    public OutboxSettings depthFromStatistics(boolean on) {
        return new OutboxSettings(enabled, source, interval, batchSize, ackTimeout, claiming, leaderLock, retention, purgeEvery, purgeBatch,
                metricsEvery, on, handOff);
    }
}
