package io.telops.events;

import java.time.Instant;
import java.util.Optional;

/**
 * A Kafka record read as a CloudEvent in binary content mode: the {@code ce_*} headers, the record key and the raw
 * body. Where it came from (topic, partition, offset) is kept for logs and metrics; {@code receivedAt} is when the
 * platform took it in (the record's timestamp, never later than the reader's clock), not the producer's own clock.
 */
public record CloudEvent(String id, String type, Optional<String> source, Optional<Instant> time, String key,
                         byte[] data, String topic, int partition, long offset, Instant receivedAt) {

    /** {@code io.telops.phone.call-state-changed.v1} -> {@code call-state-changed}: the label an operator reads. */
    public String shortType() {
        return shortType(type);
    }

    /** The short label of any {@code ce_type}: its last segment before a {@code vN} version. */
    public static String shortType(String type) {
        String[] parts = type.split("\\.");
        if (parts.length >= 2 && parts[parts.length - 1].matches("v\\d+")) {
            return parts[parts.length - 2];
        }
        return parts[parts.length - 1];
    }

    /** {@code topic-partition@offset}, the position a warning names. */
    public String position() {
        return topic + "-" + partition + "@" + offset;
    }
}
