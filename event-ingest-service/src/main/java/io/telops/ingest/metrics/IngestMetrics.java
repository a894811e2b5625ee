package io.telops.ingest.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Domain metrics: events received / accepted / rejected per type, unrecognised elements, publish latency
 * (accepted in PostgreSQL -> acknowledged by Kafka) and outbox depth. Tag values are bounded: event types
 * come from our own catalogue, never from element names a caller chose.
 */
@ApplicationScoped
public class IngestMetrics {
    private final MeterRegistry registry;
    private final AtomicLong outboxDepth = new AtomicLong();
    private final Timer publishLatency;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("telops.ingest.outbox.depth", outboxDepth);
        this.publishLatency = Timer.builder("telops.ingest.publish.latency")
                .description("time from acceptance (outbox commit) to the broker's ack")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .register(registry);
    }

    public void received(String type) {
        counter("telops.ingest.events.received", "type", type).increment();
    }

    public void accepted(String type) {
        counter("telops.ingest.events.accepted", "type", type).increment();
    }

    /** A whole request refused (reason: malformed, too_large, unsupported_media_type, forbidden, unauthorized, store). */
    public void rejectedRequest(String reason) {
        counter("telops.ingest.requests.rejected", "reason", reason).increment();
    }

    /** One event element not accepted: type is our type name, reason invalid. */
    public void rejected(String type, String reason) {
        Counter.builder("telops.ingest.events.rejected").tags("type", type, "reason", reason).register(registry).increment();
    }

    public void unrecognised() {
        counter("telops.ingest.events.unrecognised", "type", "unknown").increment();
    }

    public void published(Duration sinceAccepted) {
        publishLatency.record(sinceAccepted.isNegative() ? Duration.ZERO : sinceAccepted);
    }

    public void publishFailed() {
        registry.counter("telops.ingest.publish.failures").increment();
    }

    public void outboxDepth(long depth) {
        outboxDepth.set(depth);
    }

    /** Counters by name and tag value, looked up once: the push path counts every event. */
    private final java.util.concurrent.ConcurrentMap<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + '\u0000' + tag + '\u0000' + value, k -> registry.counter(name, tag, value));
    }
}
