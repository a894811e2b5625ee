package io.telops.dashboard.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Domain counters of the consumers, on /q/metrics: records per topic and outcome
 * ({@code dashboard_events_consumed_total}), unknown body fields per type, and the age of applied events.
 */
@ApplicationScoped
public class ConsumerMetrics {
    private final MeterRegistry registry;

    ConsumerMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void consumed(String topic, EventOutcome outcome, int count) {
        if (count > 0) {
            Counter.builder("dashboard.events.consumed")
                    .description("Kafka records consumed, by topic and outcome")
                    .tag("topic", topic).tag("outcome", outcome.label())
                    .register(registry).increment(count);
        }
    }

    public void consumed(String topic, Map<EventOutcome, Integer> outcomes) {
        outcomes.forEach((outcome, count) -> consumed(topic, outcome, count));
    }

    public void unknownFields(Map<String, Integer> byType) {
        byType.forEach((type, count) -> Counter.builder("dashboard.events.unknown.fields")
                .description("Body fields the consumer did not know and skipped, by event type")
                .tag("type", type).register(registry).increment(count));
    }

    public void applied(String topic, Instant eventTime) {
        Duration age = Duration.between(eventTime, Instant.now());
        if (!age.isNegative()) {
            registry.timer("dashboard.events.age", "topic", topic).record(age);
        }
    }

    /** Time to apply and commit one poll batch: with the batch sizes, the consumer's real throughput. */
    public void batch(String topic, int records, long nanos) {
        registry.timer("dashboard.consumer.batch", "topic", topic).record(nanos, TimeUnit.NANOSECONDS);
        registry.counter("dashboard.consumer.batch.records", "topic", topic).increment(records);
    }

    /**
     * CPU time of the consumer thread for one partition's batch (decode, apply, JDBC encoding; not PostgreSQL's,
     * not the Kafka poll's), so the cost per record can be read apart from the wall time, which waits for CPU and I/O.
     */
    public void batchCpu(String topic, long nanos) {
        Timer.builder("dashboard.consumer.batch.cpu").description("Consumer-thread CPU time of one partition's batch")
                .tag("topic", topic).register(registry).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** How long each phase of one partition's batch took (decode, claim, load, apply, writes, commit). */
    public void phases(String topic, BatchPhases phases) {
        phases.spent().forEach((phase, nanos) -> Timer.builder("dashboard.consumer.phase")
                .description("Wall time of one phase of a consumer batch")
                .tag("topic", topic).tag("phase", phase.label())
                .register(registry).record(nanos, TimeUnit.NANOSECONDS));
    }

    /** Records handed to the consumer by one poll. */
    public void polled(String topic, int records) {
        DistributionSummary.builder("dashboard.consumer.poll.records")
                .description("Records per poll handed to the consumer")
                .tag("topic", topic).register(registry).record(records);
    }

    /**
     * Age of a batch's oldest record (from its Kafka timestamp) when the batch started and when it committed:
     * the first is time spent waiting in the broker and the connector's queue, the second what a reader of
     * the API waits at most for that batch.
     */
    public void batchAge(String topic, long waitedMillis, long committedMillis, long[] recordAgesMillis) {
        Timer visible = Timer.builder("dashboard.consumer.record.visible")
                .description("Each record's age (from its Kafka timestamp) when its batch committed")
                .tag("topic", topic).publishPercentiles(0.5, 0.95, 0.99).register(registry);
        for (long age : recordAgesMillis) {
            visible.record(Math.max(0, age), TimeUnit.MILLISECONDS);
        }
        Timer.builder("dashboard.consumer.record.waited").description("Oldest record's age when its batch started")
                .tag("topic", topic).register(registry).record(Math.max(0, waitedMillis), TimeUnit.MILLISECONDS);
        Timer.builder("dashboard.consumer.record.committed").description("Oldest record's age when its batch committed")
                .tag("topic", topic).register(registry).record(Math.max(0, committedMillis), TimeUnit.MILLISECONDS);
    }

    /** A batch whose transaction failed and was applied record by record instead. */
    public void batchRetried(String topic) {
        registry.counter("dashboard.consumer.batch.retried", "topic", topic).increment();
    }

    public double batchesRetried(String topic) {
        Counter counter = registry.find("dashboard.consumer.batch.retried").tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    public double count(String topic, EventOutcome outcome) {
        Counter counter = registry.find("dashboard.events.consumed").tag("topic", topic)
                .tag("outcome", outcome.label()).counter();
        return counter == null ? 0 : counter.count();
    }
}
