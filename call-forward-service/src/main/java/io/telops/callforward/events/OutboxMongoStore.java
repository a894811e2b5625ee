package io.telops.callforward.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.telops.callforward.config.Mongo;
import io.telops.contracts.Topics;
import io.telops.outbox.OutboxConfig;
import io.telops.outbox.OutboxEvent;
import io.telops.outbox.OutboxStore;

/**
 * The platform relay's store for call-forward's MongoDB outbox collection (no transactions here, see {@link Outbox}).
 * One relay at a time holds a lease (a document in {@code outbox_lease}, renewed on each claim), which keeps the
 * collection's per-call order on the topic. Acknowledged events are marked and purged after the retention (or deleted
 * at once without one).
 */
@ApplicationScoped
public class OutboxMongoStore implements OutboxStore {
    static final String LEASES = "outbox_lease";
    private static final String RELAY = "relay";

    private final MongoCollection<Document> outbox;
    private final MongoCollection<Document> leases;
    private final String owner = UUID.randomUUID().toString();
    private final Duration lease;
    /** Published events stay (marked) until the purge: a callback retried meanwhile finds its id and adds nothing. */
    private final boolean keepPublished;

    @Inject
    OutboxMongoStore(MongoClient client, Mongo mongo, OutboxConfig config) {
        this(client, mongo, Duration.ofSeconds(30), !config.retention().isZero());
    }

    OutboxMongoStore(MongoClient client, Mongo mongo, Duration lease, boolean keepPublished) {
        this.outbox = mongo.collection(client, Outbox.COLLECTION);
        this.leases = mongo.collection(client, LEASES);
        this.lease = lease;
        this.keepPublished = keepPublished;
    }

    @Override
    public Claim claim(int limit, Duration olderThan) {
        if (!leader()) {
            return OutboxStore.none();
        }
        Bson pending = Filters.eq("published", false);
        if (!olderThan.isZero()) {
            pending = Filters.and(pending, Filters.lt("seq", Outbox.sequenceAt(Instant.now().minus(olderThan))));
        }
        List<OutboxEvent> events = new ArrayList<>();
        for (Document d : outbox.find(pending).sort(Sorts.ascending("seq")).limit(limit)) {
            events.add(event(d));
        }
        return new Claim() {
            @Override
            public List<OutboxEvent> events() {
                return events;
            }

            @Override
            public void acknowledged(Collection<UUID> ids) {
                acknowledge(ids);
            }

            @Override
            public void close() {
                // nothing held: what was not acknowledged is still in the collection
            }
        };
    }

    /** Takes or renews the lease; false while another relay holds an unexpired one. */
    private boolean leader() {
        Date now = new Date();
        try {
            // matches only our own or an expired lease; otherwise the upsert collides with the held one
            leases.findOneAndUpdate(
                    Filters.and(Filters.eq("_id", RELAY), Filters.or(Filters.eq("owner", owner), Filters.lt("until", now))),
                    Updates.combine(Updates.set("owner", owner), Updates.set("until", new Date(now.getTime() + lease.toMillis()))),
                    new FindOneAndUpdateOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false; // the lease document exists and another relay holds it
            }
            throw e;
        } catch (MongoCommandException e) {
            if (e.getErrorCode() == 11000) {
                return false;
            }
            throw e;
        }
    }

    private static OutboxEvent event(Document d) {
        return new OutboxEvent(UUID.fromString(d.getString("_id")), Topics.CALL_EVENTS, d.getString("key"), d.getString("type"),
                d.getString("payload"), d.getDate("occurredAt").toInstant(), Optional.ofNullable(d.getString("traceparent")));
    }

    @Override
    public void acknowledge(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Bson these = Filters.in("_id", ids.stream().map(UUID::toString).toList());
        if (keepPublished) {
            outbox.updateMany(these, Updates.combine(Updates.set("published", true), Updates.set("publishedAt", new Date())));
        } else {
            outbox.deleteMany(these);
        }
    }

    @Override
    public Backlog backlog() {
        long depth = outbox.countDocuments(Filters.eq("published", false));
        Document oldest = outbox.find(Filters.eq("published", false)).sort(Sorts.ascending("seq")).limit(1).first();
        return new Backlog(depth, Optional.ofNullable(oldest).map(d -> Outbox.writtenAt(d.getLong("seq"))));
    }

    @Override
    public long purge(Instant cutoff, int batch) {
        Bson old = Filters.and(Filters.eq("published", true), Filters.lt("publishedAt", Date.from(cutoff)));
        long total = 0;
        while (true) {
            List<Object> ids = outbox.find(old).projection(new Document("_id", 1)).limit(batch)
                    .map(d -> d.get("_id")).into(new ArrayList<>());
            if (ids.isEmpty()) {
                return total;
            }
            total += outbox.deleteMany(Filters.in("_id", ids)).getDeletedCount();
        }
    }
}
