package io.telops.billing.agi;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;

/** Counters of the FastAGI server, exported at /q/metrics. */
final class AgiMetrics {
    private final MeterRegistry registry;

    AgiMetrics(MeterRegistry registry, AtomicInteger active) {
        this.registry = registry;
        registry.gauge("telops.agi.sessions.active", active);
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
