package io.telops.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.telops.testkit.MongoWireServer;
import io.telops.testkit.PostgresServer;

/**
 * The harness's "outboxes drained" reads each service's outbox as that service's own migrations leave it (applied
 * here from the services' sources, as Flyway applies them at start-up), so a service that moves its outbox makes this
 * fail instead of leaving every fault run "not settled" behind a swallowed "relation does not exist".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxDepthTest {
    private static final Path ROOT = Path.of(System.getProperty("telops.root", "../..")).toAbsolutePath().normalize();
    private static final String OUTBOX_HISTORY = "telops_outbox_schema_history";

    private PostgresServer postgres;
    private MongoWireServer mongo;
    private Audit audit;

    @BeforeAll
    void migrateEveryServicesStore() {
        postgres = PostgresServer.onFreePort().start();
        mongo = MongoWireServer.onFreePort().start();
        for (String[] service : new String[][] {{"event-ingest-service", "ingest"}, {"billing-agi-service", "billing"},
                {"provisioning-service", "provisioning"}, {"vats-parser-service", "vats"}}) {
            String url = postgres.createDatabase(service[1]);
            Flyway.configure().dataSource(url, PostgresServer.USER, PostgresServer.PASSWORD)
                    .locations("filesystem:" + ROOT.resolve(service[0]).resolve("src/main/resources/db/migration"))
                    .placeholders(Map.of("billing_currency", "USD")).baselineOnMigrate(true).load().migrate();
            // platform/outbox's own history beside the service's, as OutboxSchema runs it at start-up
            Flyway.configure().dataSource(url, PostgresServer.USER, PostgresServer.PASSWORD)
                    .locations("filesystem:" + ROOT.resolve("platform/outbox/src/main/resources/db/telops-outbox"))
                    .table(OUTBOX_HISTORY).baselineOnMigrate(true).baselineVersion("0").load().migrate();
        }
        audit = new Audit(postgres, mongo.connectionString(), () -> {
            throw new UnsupportedOperationException("no Kafka in this test");
        });
    }

    @AfterAll
    void stop() {
        if (postgres != null) {
            postgres.stop();
        }
        if (mongo != null) {
            mongo.stop();
        }
    }

    @Test
    void emptyOutboxesReadZeroForEveryService() throws Exception {
        assertThat(audit.outboxDepths()).containsOnlyKeys("ingest", "billing", "provisioning", "vats", "callforward")
                .allSatisfy((store, depth) -> assertThat(depth).as(store).isZero());
    }

    @Test
    void aPendingEventCountsInItsServicesOutboxUntilPublished() throws Exception {
        UUID id = UUID.randomUUID();
        execute("ingest", "insert into telops_outbox (id, topic, event_key, ce_type, payload, occurred_at) values ('" + id
                + "', 'telops.phone-events', '0004F2000001', 'io.telops.phone.test.v1', '{}', now())");
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            client.getDatabase("callforward").getCollection("outbox").insertOne(new Document("_id", id.toString())
                    .append("seq", 1L).append("published", false).append("occurredAt", Date.from(Instant.now())));
            assertThat(audit.outboxDepths()).containsEntry("ingest", 1L).containsEntry("callforward", 1L)
                    .containsEntry("billing", 0L);

            execute("ingest", "update telops_outbox set published_at = now() where id = '" + id + "'");
            client.getDatabase("callforward").getCollection("outbox").deleteOne(new Document("_id", id.toString()));
        }
        assertThat(audit.outboxDepths()).containsEntry("ingest", 0L).containsEntry("callforward", 0L);
    }

    private void execute(String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database), PostgresServer.USER,
                PostgresServer.PASSWORD); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
