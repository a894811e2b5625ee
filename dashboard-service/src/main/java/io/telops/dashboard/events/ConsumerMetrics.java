package io.telops.dashboard.events;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

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
        registry.timer("dashboard.consumer.batch", "topic", topic).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        registry.counter("dashboard.consumer.batch.records", "topic", topic).increment(records);
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
