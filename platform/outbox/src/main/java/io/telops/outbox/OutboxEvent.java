package io.telops.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as the outbox stores it: already serialised, with the id that becomes its {@code ce_id}. The relay turns
 * it into a CloudEvents binary-mode record on {@code topic}, keyed (and {@code ce_subject}) by {@code key}.
 */
public record OutboxEvent(UUID id, String topic, String key, String type, String payload, Instant occurredAt) {
    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** An event with a fresh random id. */
    public static OutboxEvent of(String topic, String key, String type, String payload, Instant occurredAt) {
        return new OutboxEvent(UUID.randomUUID(), topic, key, type, payload, occurredAt);
    }
}
