package io.telops.dashboard.events;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.telops.contracts.Topics;
import io.telops.dashboard.events.BatchPhases.Phase;
import io.telops.dashboard.live.LiveUpdates;
import io.telops.dashboard.phone.PhoneConfig;
import io.telops.dashboard.phone.PhoneDelivery;
import io.telops.dashboard.phone.PhoneEventReader;
import io.telops.dashboard.phone.PhoneProjection;
import io.telops.events.CloudEventReader;
import io.telops.events.ConsumedRecord;
import io.telops.events.ConsumerSpans;

/**
 * Consumes {@code telops.phone-events} in batches into the phone read model, then tells open browsers.
 * A poll's records are split by partition and the partitions read and applied in parallel, each in its
 * own transaction and in its own order (a phone's events share one partition), or, with {@code apply-threads=1},
 * all in one transaction, each partition still in its order; the method returns, and the
 * offsets are committed, only when every partition's transaction has ended. Malformed records and unknown
 * types are skipped and counted, never retried, so they cannot block a partition. A batch the database
 * refuses is retried record by record; only a record that fails on its own is set aside (claimed as failed).
 * A database outage is none of these: the poll is kept and tried again until the database answers
 * ({@link DatabaseOutage}), so the channel neither sets good events aside nor stops.
 */
@ApplicationScoped
public class PhoneEventConsumer {
    private static final Logger LOG = Logger.getLogger(PhoneEventConsumer.class);
    private static final int ATTEMPTS = 3;
    /** The channel's consumer group (application.properties), named in the consumer spans. */
    private static final String GROUP = "dashboard-service";
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private final PhoneProjection projection;
    private final ConsumerMetrics metrics;
    private final LiveUpdates liveUpdates;
    private final ExecutorService partitions;
    private final ConsumerSpans spans;

    PhoneEventConsumer(PhoneProjection projection, ConsumerMetrics metrics, LiveUpdates liveUpdates, PhoneConfig config,
                       ConsumerSpans spans) {
        this.projection = projection;
        this.metrics = metrics;
        this.liveUpdates = liveUpdates;
        this.spans = spans;
        int threads = Math.max(1, config.applyThreads());
        AtomicInteger number = new AtomicInteger();
        this.partitions = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "phone-projection-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Incoming("phone-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        long started = System.nanoTime();
        long startedAt = ConsumerSpans.epochNanos();
        metrics.polled(Topics.PHONE_EVENTS, records.count());
        List<List<ConsumerRecord<String, byte[]>>> slices = new ArrayList<>();
        for (TopicPartition partition : records.partitions()) {
            slices.add(records.records(partition));
        }
        Set<String> changed = DatabaseOutage.waitOut("phone events",
                () -> partitions == null || slices.size() < 2 ? inOneTransaction(slices) : inParallel(slices));
        metrics.batch(Topics.PHONE_EVENTS, records.count(), System.nanoTime() - started);
        spans.applied(GROUP, records, startedAt, ConsumerSpans.epochNanos());
        liveUpdates.phonesChanged(changed);
    }

    /**
     * The whole poll in one transaction: each partition's records stay in their order (a phone's events share a
     * partition), and a poll of several partitions pays for one claim, one write and one commit instead of one each.
     */
    private Set<String> inOneTransaction(List<List<ConsumerRecord<String, byte[]>>> slices) {
        if (slices.size() == 1) {
            return apply(slices.get(0));
        }
        List<ConsumerRecord<String, byte[]>> all = new ArrayList<>();
        slices.forEach(all::addAll);
        return apply(all);
    }

    /** Waits for every partition even when one fails, so nothing of this poll still runs once it is rejected. */
    private Set<String> inParallel(List<List<ConsumerRecord<String, byte[]>>> slices) {
        List<Future<Set<String>>> running = new ArrayList<>();
        for (List<ConsumerRecord<String, byte[]>> slice : slices) {
            running.add(partitions.submit(() -> apply(slice)));
        }
        Set<String> changed = new LinkedHashSet<>();
        RuntimeException failure = null;
        for (Future<Set<String>> result : running) {
            try {
                changed.addAll(result.get());
            } catch (ExecutionException e) {
                RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                if (failure == null) {
                    failure = cause;
                } else {
                    failure.addSuppressed(cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while applying phone events", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return changed;
    }

    /** Reads and applies records (one partition's, or a whole poll's with each partition in its order) in one transaction. */
    private Set<String> apply(List<ConsumerRecord<String, byte[]>> records) {
        long cpuStarted = THREADS.getCurrentThreadCpuTime();
        BatchPhases phases = new BatchPhases();
        long oldest = records.stream().mapToLong(ConsumerRecord::timestamp).min().orElse(System.currentTimeMillis());
        long waited = System.currentTimeMillis() - oldest;
        List<PhoneDelivery> deliveries = new ArrayList<>(records.size());
        List<ProcessedEvents.Claim> malformed = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            ConsumedRecord consumed = CloudEventReader.read(record);
            if (consumed instanceof ConsumedRecord.Event event) {
                PhoneDelivery delivery = PhoneEventReader.read(CloudEvent.of(event.event()));
                if (delivery instanceof PhoneDelivery.Invalid invalid) {
                    LOG.warnf("skipping phone event %s at %s: %s", invalid.cloudEvent().id(),
                            invalid.cloudEvent().position(), invalid.reason());
                }
                deliveries.add(delivery);
            } else if (consumed instanceof ConsumedRecord.Malformed bad) {
                LOG.warnf("skipping malformed record at %s: %s", bad.position(), bad.reason());
                bad.eventId().ifPresentOrElse(
                        id -> malformed.add(new ProcessedEvents.Claim(id, null, EventOutcome.MALFORMED)),
                        () -> metrics.consumed(Topics.PHONE_EVENTS, EventOutcome.MALFORMED, 1));
            }
        }
        phases.lap(Phase.DECODE);
        try {
            PhoneProjection.BatchResult result = projection.apply(deliveries, malformed, phases);
            phases.lap(Phase.COMMIT);
            Set<String> changed = record(result);
            metrics.phases(Topics.PHONE_EVENTS, phases);
            metrics.batchCpu(Topics.PHONE_EVENTS, THREADS.getCurrentThreadCpuTime() - cpuStarted);
            long committed = System.currentTimeMillis();
            metrics.batchAge(Topics.PHONE_EVENTS, waited, committed - oldest,
                    records.stream().mapToLong(r -> committed - r.timestamp()).toArray());
            return changed;
        } catch (RuntimeException batchFailure) {
            if (DatabaseOutage.is(batchFailure)) {
                throw batchFailure;
            }
            LOG.warnf(batchFailure, "batch of %d phone events failed; applying them one by one", deliveries.size());
            metrics.batchRetried(Topics.PHONE_EVENTS);
            return applyOneByOne(deliveries, malformed);
        }
    }

    private Set<String> record(PhoneProjection.BatchResult result) {
        metrics.consumed(Topics.PHONE_EVENTS, result.outcomes());
        metrics.unknownFields(result.unknownFieldsByType());
        return result.changedMacs();
    }

    private Set<String> applyOneByOne(List<PhoneDelivery> deliveries, List<ProcessedEvents.Claim> malformed) {
        Set<String> changed = new LinkedHashSet<>(record(projection.apply(List.of(), malformed)));
        for (PhoneDelivery delivery : deliveries) {
            for (int attempt = 1; ; attempt++) {
                try {
                    changed.addAll(record(projection.apply(List.of(delivery), List.of())));
                    break;
                } catch (RuntimeException failure) {
                    if (DatabaseOutage.is(failure)) {
                        throw failure; // not this event's fault: the whole poll waits for the database
                    }
                    if (attempt >= ATTEMPTS) {
                        LOG.errorf(failure, "phone event %s at %s failed %d times; set aside as failed",
                                delivery.cloudEvent().id(), delivery.cloudEvent().position(), attempt);
                        record(projection.apply(List.of(), List.of(new ProcessedEvents.Claim(
                                delivery.cloudEvent().id(), delivery.cloudEvent().type(), EventOutcome.FAILED))));
                        break;
                    }
                    sleep(200L * attempt);
                }
            }
        }
        return changed;
    }

    @PreDestroy
    void stop() {
        if (partitions != null) {
            partitions.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
