package io.telops.ingest.polycom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import io.telops.contracts.phone.PhoneEvent;
import io.telops.contracts.phone.PhoneEventTypes;

/**
 * CloudEvents ids of phone events. A pushed event's id is name-based on what the phone said (MAC, event type, the
 * phone's timestamp, the element's canonical content), not on when or how often it was received: a phone that retries
 * sends the same bytes, and both copies must be one event for consumers that de-duplicate on ce_id, whether the Kafka
 * path or the outbox made them durable, and again when a stored push is replayed.
 */
public final class EventIds {
    /** One MD5 per thread: {@code MessageDigest.getInstance} per event was a visible share of the writer's time. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    });

    private EventIds() {
    }

    /**
     * The id of an event read from a pushed element. {@code occurredAt} is in the name as well as the element, so two
     * elements without a TimeStamp (whose time is their arrival) stay two events.
     */
    public static UUID pushed(PhoneEvent event, XmlElement element) {
        return nameUuid("telops-ingest/event/" + event.mac() + "/" + PhoneEventTypes.of(event).type() + "/"
                + event.occurredAt() + "/" + element.canonical());
    }

    /** Exactly {@link UUID#nameUUIDFromBytes} of the UTF-8 name (version 3), with a reused digest. */
    public static UUID nameUuid(String name) {
        byte[] md5 = MD5.get().digest(name.getBytes(StandardCharsets.UTF_8));
        md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
        md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (md5[i] & 0xff);
            lsb = (lsb << 8) | (md5[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }
}
