package io.telops.contracts;

import java.util.Objects;

/**
 * One published event type: its CloudEvents {@code type}, the record that is its body, the topic
 * it travels on, and the JSON Schema (a classpath resource beside this class) that describes it.
 */
public record EventType<T extends Record>(String type, Class<T> recordClass, String topic, String schemaResource) {
    public EventType {
        Objects.requireNonNull(type);
        Objects.requireNonNull(recordClass);
        Objects.requireNonNull(topic);
        Objects.requireNonNull(schemaResource);
        if (!type.startsWith("io.telops.") || !type.matches(".*\\.v\\d+$")) {
            throw new IllegalArgumentException("event type must be reverse-DNS and versioned: " + type);
        }
    }
}
