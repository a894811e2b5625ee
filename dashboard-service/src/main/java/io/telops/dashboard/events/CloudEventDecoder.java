package io.telops.dashboard.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.Rfc3339;

/** Reads the CloudEvents 1.0 Kafka binary-mode headers of a record; never throws. */
public final class CloudEventDecoder {
    private static final int MAX_ATTRIBUTE_LENGTH = 200;

    private CloudEventDecoder() {
    }

    public static ConsumedRecord decode(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        Optional<String> id = header(headers, CloudEventHeaders.ID);
        Optional<String> type = header(headers, CloudEventHeaders.TYPE);
        if (id.isEmpty()) {
            return malformed(record, Optional.empty(), "missing ce_id header");
        }
        if (id.get().length() > MAX_ATTRIBUTE_LENGTH) {
            return malformed(record, Optional.empty(), "ce_id longer than " + MAX_ATTRIBUTE_LENGTH);
        }
        if (type.isEmpty() || type.get().length() > MAX_ATTRIBUTE_LENGTH) {
            return malformed(record, id, "missing or oversized ce_type header");
        }
        Optional<String> specVersion = header(headers, CloudEventHeaders.SPEC_VERSION);
        if (specVersion.isPresent() && !CloudEventHeaders.SPEC_VERSION_1_0.equals(specVersion.get())) {
            return malformed(record, id, "unsupported ce_specversion " + specVersion.get());
        }
        if (record.value() == null) {
            return malformed(record, id, "record without body");
        }
        Optional<Instant> time;
        try {
            time = header(headers, CloudEventHeaders.TIME).map(Rfc3339::parse);
        } catch (DateTimeParseException e) {
            return malformed(record, id, "ce_time is not an RFC 3339 timestamp");
        }
        String key = record.key() == null ? "" : record.key();
        return new ConsumedRecord.Event(new CloudEvent(id.get(), type.get(),
                header(headers, CloudEventHeaders.SOURCE), time, key, record.value(), record.topic(),
                record.partition(), record.offset(), receivedAt(record)));
    }

    /**
     * When the record reached the platform: its Kafka timestamp (set when ingest published it, or by the broker),
     * but never later than now, so a producer clock running ahead cannot keep a phone fresh.
     */
    static Instant receivedAt(ConsumerRecord<?, ?> record) {
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
