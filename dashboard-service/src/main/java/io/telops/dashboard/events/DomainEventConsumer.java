package io.telops.dashboard.events;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.telops.dashboard.domain.DomainLiveUpdates;
import io.telops.dashboard.feed.FeedProjection;
import io.telops.events.CloudEventReader;
import io.telops.events.ConsumedRecord;
import io.telops.events.ConsumerSpans;

/**
 * Consumes the other domains' topics into the generic feed, reading only the CloudEvents envelope: it does
 * not need their record classes, so their new event types show up without a release of this service. The
 * typed domain views ride in the same transaction; open pages hear of their changes after the commit.
 */
@ApplicationScoped
public class DomainEventConsumer {
    private static final Logger LOG = Logger.getLogger(DomainEventConsumer.class);
    /** The channel's consumer group (application.properties), named in the consumer spans. */
    private static final String GROUP = "dashboard-service-feed";

    private final FeedProjection projection;
    private final ConsumerMetrics metrics;
    private final DomainLiveUpdates liveUpdates;
    private final ConsumerSpans spans;

    DomainEventConsumer(FeedProjection projection, ConsumerMetrics metrics, DomainLiveUpdates liveUpdates,
                        ConsumerSpans spans) {
        this.projection = projection;
        this.metrics = metrics;
        this.liveUpdates = liveUpdates;
        this.spans = spans;
    }

    @Incoming("domain-events")
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) {
        long startedAt = ConsumerSpans.epochNanos();
        List<CloudEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            ConsumedRecord consumed = CloudEventReader.read(record);
            if (consumed instanceof ConsumedRecord.Event event) {
                events.add(CloudEvent.of(event.event()));
            } else if (consumed instanceof ConsumedRecord.Malformed bad) {
                LOG.warnf("skipping malformed record at %s: %s", bad.position(), bad.reason());
                metrics.consumed(bad.topic(), EventOutcome.MALFORMED, 1);
            }
        }
        DatabaseOutage.waitOut("feed events", () -> store(events));
        spans.applied(GROUP, records, startedAt, ConsumerSpans.epochNanos());
    }

    /** The batch in one transaction, else one event at a time so one bad row cannot hold back the others. */
    private Void store(List<CloudEvent> events) {
        try {
            record(projection.apply(events));
            return null;
        } catch (RuntimeException batchFailure) {
            if (DatabaseOutage.is(batchFailure)) {
                throw batchFailure;
            }
            LOG.warnf(batchFailure, "feed batch of %d events failed; storing them one by one", events.size());
        }
        for (CloudEvent event : events) {
            try {
                record(projection.apply(List.of(event)));
            } catch (RuntimeException failure) {
                if (DatabaseOutage.is(failure)) {
                    throw failure; // not this event's fault: the whole batch waits for the database
                }
                LOG.errorf(failure, "feed event %s at %s could not be stored; set aside as failed", event.id(), event.position());
                projection.setAside(event);
                metrics.consumed(event.topic(), EventOutcome.FAILED, 1);
            }
        }
        return null;
    }

    private void record(FeedProjection.BatchResult result) {
        result.outcomesByTopic().forEach(metrics::consumed);
        result.changedKeysByTopic().forEach(liveUpdates::changed);
    }
}
