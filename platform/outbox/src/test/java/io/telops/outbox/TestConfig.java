package io.telops.outbox;

import java.time.Duration;
import java.util.Optional;

/** {@link OutboxConfig} with the defaults of the mapping, for tests without Quarkus; withers change one key. */
record TestConfig(boolean enabled, Optional<String> source, Duration interval, int batchSize, Duration ackTimeout,
                  Claiming claiming, long leaderLock, Duration retention, Duration purgeEvery, int purgeBatch,
                  Duration metricsEvery, HandOff handOff) implements OutboxConfig {

    record TestHandOff(int queue, Duration recoveryPoll, Duration recoveryAge) implements OutboxConfig.HandOff {
    }

    static TestConfig defaults() {
        return new TestConfig(true, Optional.empty(), Duration.ofMillis(100), 500, Duration.ofSeconds(30), Claiming.LEADER,
                4573001, Duration.ZERO, Duration.ofHours(1), 10_000, Duration.ofSeconds(5),
                new TestHandOff(0, Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    TestConfig batchSize(int n) {
        return new TestConfig(enabled, source, interval, n, ackTimeout, claiming, leaderLock, retention, purgeEvery, purgeBatch, metricsEvery, handOff);
    }

    TestConfig ackTimeout(Duration d) {
        return new TestConfig(enabled, source, interval, batchSize, d, claiming, leaderLock, retention, purgeEvery, purgeBatch, metricsEvery, handOff);
    }

    TestConfig claiming(Claiming c) {
        return new TestConfig(enabled, source, interval, batchSize, ackTimeout, c, leaderLock, retention, purgeEvery, purgeBatch, metricsEvery, handOff);
    }

    TestConfig retention(Duration d) {
        return new TestConfig(enabled, source, interval, batchSize, ackTimeout, claiming, leaderLock, d, purgeEvery, purgeBatch, metricsEvery, handOff);
    }

    TestConfig purgeBatch(int n) {
        return new TestConfig(enabled, source, interval, batchSize, ackTimeout, claiming, leaderLock, retention, purgeEvery, n, metricsEvery, handOff);
    }

    TestConfig handOff(int queue, Duration recoveryPoll, Duration recoveryAge) {
        return new TestConfig(enabled, source, interval, batchSize, ackTimeout, claiming, leaderLock, retention, purgeEvery, purgeBatch,
                metricsEvery, new TestHandOff(queue, recoveryPoll, recoveryAge));
    }
}
