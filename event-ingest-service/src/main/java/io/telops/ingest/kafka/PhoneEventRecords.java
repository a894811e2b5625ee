package io.telops.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.EventJson;
import io.telops.contracts.Topics;
import io.telops.contracts.phone.PhoneEvent;

/** A phone event as the platform publishes it: CloudEvents binary mode on {@code telops.phone-events}, key = MAC. */
public final class PhoneEventRecords {
    private static final ObjectMapper JSON = EventJson.mapper();

    private PhoneEventRecords() {
    }

    /** The event's JSON body, as both the outbox stores it and the Kafka path sends it. */
    public static String json(PhoneEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }

    public static ProducerRecord<String, byte[]> of(UUID ceId, String mac, String ceType, Instant ceTime, String payload,
                                                    String source) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(CloudEventHeaders.ID, bytes(ceId.toString()));
        headers.add(CloudEventHeaders.TYPE, bytes(ceType));
        headers.add(CloudEventHeaders.SOURCE, bytes(source));
        headers.add(CloudEventHeaders.TIME, bytes(DateTimeFormatter.ISO_INSTANT.format(ceTime)));
        headers.add(CloudEventHeaders.SUBJECT, bytes(mac));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        return new ProducerRecord<>(Topics.PHONE_EVENTS, null, mac, payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
