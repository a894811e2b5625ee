package io.telops.billing.agi;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Counters and timers of the FastAGI server, exported at /q/metrics. The timers publish percentile
 * histograms (Prometheus {@code _bucket} series), so a tail can be read with {@code histogram_quantile} and
 * not only a mean: {@code telops_agi_blocking_wait_seconds} (queueing for a ledger worker),
 * {@code telops_agi_blocking_run_seconds} (the ledger work, commit included) and
 * {@code telops_agi_command_reply_seconds{verb}} (an AGI command written until Asterisk's reply was read).
 */
final class AgiMetrics {
    private final MeterRegistry registry;
    private final Timer blockingWait;
    private final Timer blockingRun;
    private final ConcurrentHashMap<String, Timer> replies = new ConcurrentHashMap<>();

    AgiMetrics(MeterRegistry registry, AtomicInteger active) {
        this.registry = registry;
        registry.gauge("telops.agi.sessions.active", active);
        // queueing for a worker vs. running the ledger transaction (including its commit)
        this.blockingWait = histogram(Timer.builder("telops.agi.blocking.wait")).register(registry);
        this.blockingRun = histogram(Timer.builder("telops.agi.blocking.run")).register(registry);
    }

    /** Percentile-histogram buckets from 10 µs to 60 s: enough resolution to tell a 1 ms from a 5 ms tail. */
    static Timer.Builder histogram(Timer.Builder builder) {
        return builder.publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(60));
    }

    void blocking(long submittedNanos, long startedNanos, long endedNanos) {
        blockingWait.record(startedNanos - submittedNanos, TimeUnit.NANOSECONDS);
        blockingRun.record(endedNanos - startedNanos, TimeUnit.NANOSECONDS);
    }

    /** An AGI command's round trip: written to the socket until its reply was complete. */
    void replied(String verb, long nanos) {
        replies.computeIfAbsent(verb, v -> histogram(Timer.builder("telops.agi.command.reply").tag("verb", v)).register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void sessionEnded(String script, String outcome) {
        registry.counter("telops.agi.sessions", "script", script, "outcome", outcome).increment();
    }

    void protocolError(String reason) {
        registry.counter("telops.agi.protocol.errors", "reason", reason).increment();
    }

    void hangupNotified() {
        registry.counter("telops.agi.hangups").increment();
    }
}
