package io.telops.billing.agi;

import java.util.concurrent.atomic.AtomicInteger;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Counters of the FastAGI server, exported at /q/metrics. */
final class AgiMetrics {
    private final MeterRegistry registry;
    private final Timer blockingWait;
    private final Timer blockingRun;

    AgiMetrics(MeterRegistry registry, AtomicInteger active) {
        this.registry = registry;
        registry.gauge("telops.agi.sessions.active", active);
        // queueing for a worker vs. running the ledger transaction (including its commit)
        this.blockingWait = Timer.builder("telops.agi.blocking.wait").publishPercentiles(0.5, 0.99).register(registry);
        this.blockingRun = Timer.builder("telops.agi.blocking.run").publishPercentiles(0.5, 0.99).register(registry);
    }

    void blocking(long submittedNanos, long startedNanos, long endedNanos) {
        blockingWait.record(startedNanos - submittedNanos, TimeUnit.NANOSECONDS);
        blockingRun.record(endedNanos - startedNanos, TimeUnit.NANOSECONDS);
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
