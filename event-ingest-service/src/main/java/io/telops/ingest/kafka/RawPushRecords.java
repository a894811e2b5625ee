package io.telops.ingest.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.telops.ingest.outbox.PushStore;
import io.telops.ingest.polycom.PushEntry;

/**
 * A raw push on the service's internal topic: the body as received, its raw push id, arrival time, sender and content
 * type in headers. Keyed by the first MAC of the push (else the sender), so one phone's pushes stay in order.
 */
public final class RawPushRecords {
    static final String RAW_ID = "telops-raw-id";
    static final String RECEIVED_AT = "telops-received-at";
    static final String REMOTE_ADDRESS = "telops-remote-address";
    static final String CONTENT_TYPE = "telops-content-type";

    private RawPushRecords() {
    }

    public static ProducerRecord<String, byte[]> of(String topic, long rawId, PushStore.Push push) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RAW_ID, utf8(Long.toString(rawId)));
        headers.add(RECEIVED_AT, utf8(push.receivedAt().toString()));
        headers.add(REMOTE_ADDRESS, utf8(push.remoteAddress()));
        push.contentType().ifPresent(type -> headers.add(CONTENT_TYPE, utf8(type)));
        return new ProducerRecord<>(topic, null, key(push), push.body(), headers);
    }

    /**
     * The push a record carries, with no entries yet (the archiver parses the body again); empty if the record is not
     * one: a header missing or unreadable, or no body.
     */
    public static Optional<PushStore.Push> read(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        Optional<String> id = text(headers, RAW_ID);
        Optional<String> receivedAt = text(headers, RECEIVED_AT);
        Optional<String> remote = text(headers, REMOTE_ADDRESS);
        if (id.isEmpty() || receivedAt.isEmpty() || remote.isEmpty() || record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PushStore.Push(remote.get(), text(headers, CONTENT_TYPE), record.value(), List.of(),
                    Instant.parse(receivedAt.get()), OptionalLong.of(Long.parseLong(id.get()))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String key(PushStore.Push push) {
        for (PushEntry entry : push.entries()) {
            if (entry instanceof PushEntry.Recognised r) {
                return r.event().mac();
            }
        }
        return push.remoteAddress();
    }

    private static Optional<String> text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
