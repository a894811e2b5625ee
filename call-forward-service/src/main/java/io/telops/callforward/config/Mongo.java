package io.telops.callforward.config;

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
        collection(client, "lines").createIndex(Indexes.ascending("forwardNumber"));
        collection(client, "lines").createIndex(Indexes.ascending("voicemailNumber"));
        collection(client, "outbox").createIndex(Indexes.ascending("seq"));
        collection(client, "sms").createIndex(Indexes.ascending("status", "nextAttemptAt"));
        collection(client, "voicemails").createIndex(Indexes.ascending("lineId", "recordedAt"));
        collection(client, "calls").createIndex(Indexes.ascending("lineId", "receivedAt"), new IndexOptions());
    }
}
