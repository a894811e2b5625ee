package io.telops.outbox.bench;

import java.time.Duration;
import java.util.Optional;

import io.telops.outbox.OutboxConfig;

/** The shared relay's settings as {@code telops.outbox.*} defaults them, with the hand-off queue chosen per run. */
record RelayConfig(int handOffQueue) implements OutboxConfig {
    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Optional<String> source() {
        return Optional.of(CloudEventRecords.SOURCE);
    }

    @Override
    public Duration interval() {
        return Duration.ofMillis(100);
    }

    @Override
    public int batchSize() {
        return 500;
    }

    @Override
    public Duration ackTimeout() {
        return Duration.ofSeconds(30);
    }

    @Override
    public Claiming claiming() {
        return Claiming.LEADER;
    }

    @Override
    public long leaderLock() {
        return 4573001;
    }

    @Override
    public Duration retention() {
        return Duration.ZERO;
    }

    @Override
    public Duration purgeEvery() {
        return Duration.ofHours(1);
    }

    @Override
    public int purgeBatch() {
        return 10_000;
    }

    @Override
    public Duration metricsEvery() {
        return Duration.ofSeconds(5);
    }

    @Override
    public HandOff handOff() {
        return new HandOff() {
            @Override
            public int queue() {
                return handOffQueue;
            }

            @Override
            public Duration recoveryPoll() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration recoveryAge() {
                return Duration.ofSeconds(10);
            }
        };
    }
}
