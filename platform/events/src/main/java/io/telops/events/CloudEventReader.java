package io.telops.events;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.Rfc3339;

/**
 * Reads the CloudEvents 1.0 Kafka binary-mode headers of a record; never throws. Headers are hostile input: an
 * oversized id or type, another spec version, a missing body or an unreadable {@code ce_time} make it
 * {@link ConsumedRecord.Malformed}, for the consumer to skip and count.
 */
public final class CloudEventReader {
    /** Longest ce_id or ce_type accepted; the dashboard stores both in varchar(200) columns. */
    public static final int MAX_ATTRIBUTE_LENGTH = 200;

    private CloudEventReader() {
    }

    /** The attributes as they arrived, each stripped, blank counted as absent. */
    private record Attributes(Optional<String> specVersion, Optional<String> id, Optional<String> type,
                              Optional<String> source, Optional<String> time) {
    }

    public static ConsumedRecord read(ConsumerRecord<String, byte[]> record) {
        Attributes attributes = attributes(record.headers());
        Optional<String> id = attributes.id();
        Optional<String> type = attributes.type();
        if (id.isEmpty()) {
            return malformed(record, Optional.empty(), "missing ce_id header");
        }
        if (id.get().length() > MAX_ATTRIBUTE_LENGTH) {
            return malformed(record, Optional.empty(), "ce_id longer than " + MAX_ATTRIBUTE_LENGTH);
        }
        if (type.isEmpty() || type.get().length() > MAX_ATTRIBUTE_LENGTH) {
            return malformed(record, id, "missing or oversized ce_type header");
        }
        if (attributes.specVersion().isPresent()
                && !CloudEventHeaders.SPEC_VERSION_1_0.equals(attributes.specVersion().get())) {
            return malformed(record, id, "unsupported ce_specversion " + attributes.specVersion().get());
        }
        if (record.value() == null) {
            return malformed(record, id, "record without body");
        }
        Optional<Instant> time;
        try {
            time = attributes.time().map(Rfc3339::parse);
        } catch (DateTimeException e) {
            return malformed(record, id, "ce_time is not an RFC 3339 timestamp");
        }
        String key = record.key() == null ? "" : record.key();
        return new ConsumedRecord.Event(new CloudEvent(id.get(), type.get(), attributes.source(), time, key,
                record.value(), record.topic(), record.partition(), record.offset(), receivedAt(record)));
    }

    /**
     * The one place record headers are read. W3C trace context ({@code traceparent}, {@code tracestate}) is to be
     * extracted here too when tracing arrives, so every consumer gets it without a change of its own.
     */
    private static Attributes attributes(Headers headers) {
        return new Attributes(header(headers, CloudEventHeaders.SPEC_VERSION), header(headers, CloudEventHeaders.ID),
                header(headers, CloudEventHeaders.TYPE), header(headers, CloudEventHeaders.SOURCE),
                header(headers, CloudEventHeaders.TIME));
    }

    /**
     * When the record reached the platform: its Kafka timestamp (set by the producer's client or by the broker),
     * but never later than now, so a producer clock running ahead cannot make an event look fresher than it is.
     */
    public static Instant receivedAt(ConsumerRecord<?, ?> record) {
        long now = System.currentTimeMillis();
        long timestamp = record.timestamp();
        return Instant.ofEpochMilli(timestamp < 0 || timestamp > now ? now : timestamp);
    }

    private static ConsumedRecord malformed(ConsumerRecord<String, byte[]> record, Optional<String> id, String reason) {
        return new ConsumedRecord.Malformed(record.topic(), record.partition(), record.offset(), id, reason);
    }

    private static Optional<String> header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        String value = new String(header.value(), StandardCharsets.UTF_8).strip();
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
