package io.telops.events;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.telops.contracts.CloudEventHeaders;

/**
 * Builds CloudEvents 1.0 Kafka records in binary content mode: attributes as {@code ce_*} headers, {@code ce_time}
 * in RFC 3339 UTC, the key as both the record key and {@code ce_subject}, the JSON body as the value.
 */
public final class CloudEventWriter {
    private CloudEventWriter() {
    }

    public static ProducerRecord<String, byte[]> record(OutgoingEvent event) {
        RecordHeaders headers = new RecordHeaders();
        writeHeaders(headers, event);
        return new ProducerRecord<>(event.topic(), null, event.key(), event.json(), headers);
    }

    /**
     * The one place record headers are written, W3C trace context included: the event's own (captured when it was
     * stored for later), else the current span's, so every producer sends it without a change of its own.
     */
    private static void writeHeaders(Headers headers, OutgoingEvent event) {
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(CloudEventHeaders.ID, bytes(event.id()));
        headers.add(CloudEventHeaders.TYPE, bytes(event.type()));
        headers.add(CloudEventHeaders.SOURCE, bytes(event.source()));
        headers.add(CloudEventHeaders.TIME, bytes(DateTimeFormatter.ISO_INSTANT.format(event.time())));
        headers.add(CloudEventHeaders.SUBJECT, bytes(event.key()));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        TraceHeaders.inject(headers);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
