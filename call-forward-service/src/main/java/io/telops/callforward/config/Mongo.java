package io.telops.callforward.config;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import io.quarkus.runtime.StartupEvent;

/** The service's MongoDB database and the indexes its queries rely on (created at start, idempotently). */
@ApplicationScoped
public class Mongo {
    private final String database;

    public Mongo(@ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.database = database;
    }

    public MongoCollection<Document> collection(MongoClient client, String name) {
        return client.getDatabase(database).getCollection(name);
    }

    void createIndexes(@Observes StartupEvent start, MongoClient client) {
        try {
            indexes(client);
        } catch (RuntimeException e) {
            // a store that is down at start-up shows in readiness; queries still work, only slower, without indexes
            org.jboss.logging.Logger.getLogger(Mongo.class).warnf("could not create MongoDB indexes: %s", e.getMessage());
        }
    }

    private void indexes(MongoClient client) {
        collection(client, "lines").createIndex(Indexes.ascending("forwardNumber"));
        collection(client, "lines").createIndex(Indexes.ascending("voicemailNumber"));
        collection(client, "outbox").createIndex(Indexes.ascending("seq"));
        collection(client, "sms").createIndex(Indexes.ascending("status", "nextAttemptAt"));
        collection(client, "voicemails").createIndex(Indexes.ascending("lineId", "recordedAt"));
        collection(client, "calls").createIndex(Indexes.ascending("lineId", "receivedAt"), new IndexOptions());
        // TTL: MongoDB deletes a remembered nonce once its expireAt has passed
        collection(client, "callback_nonces").createIndex(Indexes.ascending("expireAt"),
                new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }
}
