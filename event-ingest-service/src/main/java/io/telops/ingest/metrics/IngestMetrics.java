package io.telops.ingest.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Domain metrics: events received / accepted / rejected per type, unrecognised elements, the Kafka-first path's
 * publish latency, the group commit's phases. The outbox's depth, lag and relay counters are platform/outbox's
 * ({@code telops_outbox_*}). Tag values are bounded: event types come from our own catalogue, never from element
 * names a caller chose.
 */
@ApplicationScoped
public class IngestMetrics {
    private final MeterRegistry registry;
    private final AtomicLong archiveLagMillis = new AtomicLong();
    private final Timer publishLatency;
    private final Timer parseTimer;
    private final Timer groupStatement;
    private final Timer groupCommit;
    private final DistributionSummary groupSize;
    private final Timer pushStore;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("telops.ingest.raw.archive.lag.ms", archiveLagMillis);
        this.publishLatency = Timer.builder("telops.ingest.publish.latency")
                .description("Kafka first: time from sending a push's records to the broker's last ack")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram()
                .register(registry);
        this.parseTimer = phase("telops.ingest.push.parse", "parsing one push body into events");
        this.groupStatement = phase("telops.ingest.store.statement", "group commit: the one statement storing a group of pushes");
        this.groupCommit = phase("telops.ingest.store.commit", "group commit: COMMIT (the WAL flush) of a group");
        this.groupSize = DistributionSummary.builder("telops.ingest.store.group.pushes")
                .description("pushes stored by one group commit").publishPercentiles(0.5, 0.99).register(registry);
        this.pushStore = Timer.builder("telops.ingest.push.store")
                .description("one push: parsed -> durable (the broker's acks on the Kafka path; queue wait + statement + WAL flush on the outbox path)")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram().register(registry);
    }

    private Timer phase(String name, String description) {
        return Timer.builder(name).description(description).publishPercentiles(0.5, 0.99).register(registry);
    }

    /** Parsing one push. */
    public void parsed(long nanos) {
        parseTimer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One push's wait for durability (queue + its group's statement and commit). */
    public void stored(long nanos) {
        pushStore.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One group commit: how many pushes, how long the statement and the commit took. */
    public void groupCommitted(int pushes, long statementNanos, long commitNanos) {
        groupSize.record(pushes);
        groupStatement.record(statementNanos, TimeUnit.NANOSECONDS);
        groupCommit.record(commitNanos, TimeUnit.NANOSECONDS);
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

    /** Where a push was made durable before its 2xx: {@code kafka} or {@code outbox}. */
    public void durable(String store) {
        counter("telops.ingest.pushes.durable", "store", store).increment();
    }

    /** Raw pushes archived from the internal topic to PostgreSQL. */
    public void archived(int pushes) {
        counter("telops.ingest.raw.archived", "store", "postgresql").increment(pushes);
    }

    /** Age of the newest raw push the archiver stored, when it stored it: how far PostgreSQL's copy trails. */
    public void archiveLag(Duration lag) {
        archiveLagMillis.set(lag.toMillis());
    }

    /** Whether pushes go to Kafka first now (1) or to the outbox (0). */
    public void kafkaFirstGate(java.util.function.BooleanSupplier open) {
        io.micrometer.core.instrument.Gauge.builder("telops.ingest.kafka_first.open", () -> open.getAsBoolean() ? 1 : 0)
                .description("1 while pushes are made durable by the broker's acks, 0 while they go to the PostgreSQL outbox")
                .register(registry);
    }

    public void unrecognised() {
        counter("telops.ingest.events.unrecognised", "type", "unknown").increment();
    }

    public void published(Duration sinceAccepted) {
        publishLatency.record(sinceAccepted.isNegative() ? Duration.ZERO : sinceAccepted);
    }

    /** Counters by name and tag value, looked up once: the push path counts every event. */
    private final java.util.concurrent.ConcurrentMap<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + '\u0000' + tag + '\u0000' + value, k -> registry.counter(name, tag, value));
    }
}
