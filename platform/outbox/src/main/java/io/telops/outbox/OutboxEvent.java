package io.telops.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One event as the outbox stores it: already serialised, with the id that becomes its {@code ce_id}. The relay turns
 * it into a CloudEvents binary-mode record on {@code topic}, keyed (and {@code ce_subject}) by {@code key}, with
 * {@code traceparent} as its W3C trace header when the event was written inside a recording span.
 */
public record OutboxEvent(UUID id, String topic, String key, String type, String payload, Instant occurredAt,
                          Optional<String> traceparent) {
    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(traceparent, "traceparent");
    }

    /** An event whose trace context, if any, is taken from the writing thread when it is stored. */
    public OutboxEvent(UUID id, String topic, String key, String type, String payload, Instant occurredAt) {
        this(id, topic, key, type, payload, occurredAt, Optional.empty());
    }

    /** An event with a fresh random id. */
    public static OutboxEvent of(String topic, String key, String type, String payload, Instant occurredAt) {
        return new OutboxEvent(UUID.randomUUID(), topic, key, type, payload, occurredAt);
    }

    /** The same event with a trace context captured elsewhere (the request thread, when another thread writes it). */
    public OutboxEvent withTraceparent(Optional<String> context) {
        return new OutboxEvent(id, topic, key, type, payload, occurredAt, context);
    }
}
