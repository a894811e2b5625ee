package io.telops.dashboard.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.telops.contracts.Topics;
import io.telops.dashboard.live.LiveUpdates;
import io.telops.dashboard.phone.PhoneDelivery;
import io.telops.dashboard.phone.PhoneEventReader;
import io.telops.dashboard.phone.PhoneProjection;

/**
 * Consumes {@code telops.phone-events} in batches into the phone read model, then tells open browsers.
 * Malformed records and unknown types are skipped and counted, never retried, so they cannot block a
 * partition. A batch the database refuses is retried record by record; only a record that fails on its
 * own is set aside (claimed as failed); if even that cannot be written the channel stops uncommitted and
 * the records come back after a restart.
 */
@ApplicationScoped
public class PhoneEventConsumer {
    private static final Logger LOG = Logger.getLogger(PhoneEventConsumer.class);
    private static final int ATTEMPTS = 3;

    private final PhoneProjection projection;
    private final ConsumerMetrics metrics;
    private final LiveUpdates liveUpdates;

    PhoneEventConsumer(PhoneProjection projection, ConsumerMetrics metrics, LiveUpdates liveUpdates) {
        this.projection = projection;
        this.metrics = metrics;
        this.liveUpdates = liveUpdates;
    }

    @Incoming("phone-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        long started = System.nanoTime();
        List<PhoneDelivery> deliveries = new ArrayList<>();
        List<ProcessedEvents.Claim> malformed = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            ConsumedRecord consumed = CloudEventDecoder.decode(record);
            if (consumed instanceof ConsumedRecord.Event event) {
                PhoneDelivery delivery = PhoneEventReader.read(event.event());
                if (delivery instanceof PhoneDelivery.Invalid invalid) {
                    LOG.warnf("skipping phone event %s at %s: %s", invalid.cloudEvent().id(),
                            invalid.cloudEvent().position(), invalid.reason());
                }
                deliveries.add(delivery);
            } else if (consumed instanceof ConsumedRecord.Malformed bad) {
                LOG.warnf("skipping malformed record at %s-%d@%d: %s", bad.topic(), bad.partition(), bad.offset(), bad.reason());
                bad.eventId().ifPresentOrElse(
                        id -> malformed.add(new ProcessedEvents.Claim(id, null, EventOutcome.MALFORMED)),
                        () -> metrics.consumed(Topics.PHONE_EVENTS, EventOutcome.MALFORMED, 1));
            }
        }
        Set<String> changed;
        try {
            changed = record(projection.apply(deliveries, malformed));
        } catch (RuntimeException batchFailure) {
            LOG.warnf(batchFailure, "batch of %d phone events failed; applying them one by one", records.count());
            metrics.batchRetried(Topics.PHONE_EVENTS);
            changed = applyOneByOne(deliveries, malformed);
        }
        metrics.batch(Topics.PHONE_EVENTS, records.count(), System.nanoTime() - started);
        liveUpdates.phonesChanged(changed);
    }

    private Set<String> record(PhoneProjection.BatchResult result) {
        metrics.consumed(Topics.PHONE_EVENTS, result.outcomes());
        metrics.unknownFields(result.unknownFieldsByType());
        return result.changedMacs();
    }

    private Set<String> applyOneByOne(List<PhoneDelivery> deliveries, List<ProcessedEvents.Claim> malformed) {
        Set<String> changed = new java.util.LinkedHashSet<>(record(projection.apply(List.of(), malformed)));
        for (PhoneDelivery delivery : deliveries) {
            for (int attempt = 1; ; attempt++) {
                try {
                    changed.addAll(record(projection.apply(List.of(delivery), List.of())));
                    break;
                } catch (RuntimeException failure) {
                    if (attempt >= ATTEMPTS) {
                        LOG.errorf(failure, "phone event %s at %s failed %d times; set aside as failed",
                                delivery.cloudEvent().id(), delivery.cloudEvent().position(), attempt);
                        // throws when the database is down: the channel stops and nothing is committed
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
