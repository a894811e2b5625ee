package io.telops.callforward.events;

import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import io.telops.callforward.config.Mongo;
import io.telops.contracts.EventJson;
import io.telops.contracts.callforward.CallForwardEvent;
import io.telops.contracts.callforward.CallForwardEventTypes;
import io.telops.events.TraceHeaders;

/**
 * The outbox collection: an event is stored with its stable id before the callback or API call that caused it
 * is answered, and the platform relay ({@link OutboxMongoStore}) publishes it to Kafka afterwards. MongoDB here has no transactions,
 * so the id makes the write idempotent instead: a retried callback inserts nothing new while the event waits;
 * one retried after the event left the outbox publishes it again under the same ce_id, which consumers drop.
 */
@ApplicationScoped
public class Outbox {
    public static final String COLLECTION = "outbox";
    private static final ObjectMapper JSON = EventJson.mapper();
    private final AtomicLong sequence = new AtomicLong();
    private final MongoCollection<Document> outbox;

    Outbox(MongoClient client, Mongo mongo) {
        this.outbox = mongo.collection(client, COLLECTION);
    }

    /** The first seq of the given instant: seqs are wall-clock milliseconds times 1000 plus a counter. */
    static long sequenceAt(Instant at) {
        return at.toEpochMilli() * 1000;
    }

    /** When the event with this seq was written. */
    static Instant writtenAt(long seq) {
        return Instant.ofEpochMilli(seq / 1000);
    }

    /** Stores the event unless one with this id is already there; true when it was new. */
    public boolean add(String id, String key, CallForwardEvent event) {
        String payload;
        try {
            payload = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
        // wall-clock millis x 1000 plus a counter: relays in creation order, per key in callback order
        long seq = System.currentTimeMillis() * 1000 + (sequence.incrementAndGet() % 1000);
        Document doc = new Document("_id", id)
                .append("type", CallForwardEventTypes.of(event).type())
                .append("key", key)
                .append("payload", payload)
                .append("occurredAt", Date.from(event.occurredAt()))
                .append("seq", seq)
                .append("published", false);
        // the callback's trace, so the relay's record continues it (nothing while no span records)
        TraceHeaders.recordingTraceparent().ifPresent(t -> doc.append("traceparent", t));
        try {
            outbox.insertOne(doc);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
