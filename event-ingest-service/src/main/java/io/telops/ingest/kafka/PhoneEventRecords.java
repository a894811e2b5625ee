package io.telops.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.telops.contracts.Topics;
import io.telops.contracts.phone.PhoneEvent;
import io.telops.contracts.phone.PhoneEventTypes;
import io.telops.events.CloudEventWriter;
import io.telops.events.OutgoingEvent;
import io.telops.outbox.OutboxEvent;

/**
 * A phone event as the platform publishes it: CloudEvents binary mode on {@code telops.phone-events}, key = MAC,
 * written by {@code platform/events}' {@link CloudEventWriter}.
 */
public final class PhoneEventRecords {
    private PhoneEventRecords() {
    }

    /** The event's JSON body, as both the outbox stores it and the Kafka path sends it. */
    public static String json(PhoneEvent event) {
        return new String(OutgoingEvent.json(event), StandardCharsets.UTF_8);
    }

    /** The Kafka-first path: the event record itself, its type and topic from the catalogue. */
    public static ProducerRecord<String, byte[]> of(UUID ceId, PhoneEvent event, String source) {
        return CloudEventWriter.record(OutgoingEvent.of(ceId, source, event.occurredAt(), event.mac(), event));
    }

    /** The outbox path: the row the platform's relay turns into the same record (key = MAC, ce_time = occurredAt). */
    public static OutboxEvent outboxEvent(UUID ceId, PhoneEvent event, Optional<String> traceparent) {
        return new OutboxEvent(ceId, Topics.PHONE_EVENTS, event.mac(), PhoneEventTypes.of(event).type(), json(event),
                event.occurredAt(), traceparent);
    }
}
