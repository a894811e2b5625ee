package io.telops.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.telops.contracts.EventCatalog;
import io.telops.contracts.EventType;

/**
 * One event to publish, as an outbox row holds it: the CloudEvents attributes, the record key (also sent as
 * {@code ce_subject}), the JSON body and the topic. {@link CloudEventWriter} turns it into a Kafka record.
 */
public record OutgoingEvent(String id, String type, String source, Instant time, String key, byte[] json, String topic) {
    private static final Map<Class<?>, EventType<?>> BY_RECORD = EventCatalog.all().stream()
            .collect(Collectors.toUnmodifiableMap(EventType::recordClass, Function.identity()));

    public OutgoingEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(topic, "topic");
    }

    /** A contracts record (a {@code PhoneEvent}, {@code BillingEvent}, ...): its type and topic come from {@link EventCatalog}, its body from {@link #json(Record)}. */
    public static OutgoingEvent of(UUID id, String source, Instant time, String key, Object event) {
        EventType<?> type = typeOf(event);
        return new OutgoingEvent(id.toString(), type.type(), source, time, key, json(event), type.topic());
    }

    /** The catalogue entry of a contracts record; throws for a record the catalogue does not list. */
    public static EventType<?> typeOf(Object event) {
        EventType<?> type = BY_RECORD.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException(event.getClass().getName() + " is not an event type of the catalogue");
        }
        return type;
    }

    /** The JSON body of a contracts record, as {@code EventJson} writes it. */
    public static byte[] json(Object event) {
        try {
            return EventJsonMapper.MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }
}
