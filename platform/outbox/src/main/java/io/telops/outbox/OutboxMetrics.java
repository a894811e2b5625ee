package io.telops.outbox;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The outbox's meters, named alike in every service: {@code telops_outbox_depth}, {@code telops_outbox_lag_seconds},
 * {@code telops_outbox_published_total}, {@code telops_outbox_publish_failures_total} in Prometheus. The gauges show
 * the last reading of the store (taken by the relay thread), so a scrape never queries the database.
 */
public final class OutboxMetrics {
    private final AtomicLong depth = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private final Counter published;
    private final Counter failures;

    public OutboxMetrics(MeterRegistry registry) {
        Gauge.builder("telops.outbox.depth", depth, AtomicLong::get)
                .description("Events waiting in the outbox").register(registry);
        Gauge.builder("telops.outbox.lag.seconds", lagMillis, l -> l.get() / 1000.0)
                .description("Age of the oldest event waiting in the outbox").register(registry);
        published = Counter.builder("telops.outbox.published").description("Events the broker acknowledged").register(registry);
        failures = Counter.builder("telops.outbox.publish.failures")
                .description("Relay batches the broker or the store refused (retried)").register(registry);
    }

    void backlog(OutboxStore.Backlog backlog, Instant now) {
        depth.set(backlog.depth());
        lagMillis.set(Math.round(backlog.lagSeconds(now) * 1000));
    }

    void published(int events) {
        published.increment(events);
    }

    void failed() {
        failures.increment();
    }
}
