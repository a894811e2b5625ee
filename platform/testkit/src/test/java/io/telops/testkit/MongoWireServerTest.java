package io.telops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

@ExtendWith(InfrastructureExtension.class)
class MongoWireServerTest {

    @Test
    void insertAndFindWithTheRealDriver(MongoWireServer mongo) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> lines = client.getDatabase("callforward").getCollection("lines");
            lines.insertOne(new Document("_id", "line-1").append("sip", "sip:alice@example.net").append("timeout", 20));
            lines.insertOne(new Document("_id", "line-2").append("sip", "sip:bob@example.net").append("timeout", 30));

            Document found = lines.find(Filters.eq("sip", "sip:bob@example.net")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("_id")).isEqualTo("line-2");
            assertThat(lines.countDocuments(Filters.gt("timeout", 10))).isEqualTo(2);
        }
    }

    @Test
    void aPersistentServerKeepsItsDocumentsAcrossARestart(@TempDir Path dir) {
        Path store = dir.resolve("mongo").resolve("store.mv");
        int port = LoopbackPorts.free();
        try (MongoWireServer first = MongoWireServer.persistent(port, store).start();
             MongoClient client = MongoClients.create(first.connectionString())) {
            client.getDatabase("callforward").getCollection("lines").insertOne(new Document("_id", "kept").append("n", 7));
        }
        assertThat(store).exists();
        try (MongoWireServer second = MongoWireServer.persistent(port, store).start();
             MongoClient client = MongoClients.create(second.connectionString())) {
            Document found = client.getDatabase("callforward").getCollection("lines").find(Filters.eq("_id", "kept")).first();
            assertThat(found).isNotNull();
            assertThat(found.getInteger("n")).isEqualTo(7);
        }
        try (MongoWireServer memory = new MongoWireServer(port).start();
             MongoClient client = MongoClients.create(memory.connectionString())) {
            assertThat(client.getDatabase("callforward").getCollection("lines").countDocuments()).isZero();
        }
    }
}
