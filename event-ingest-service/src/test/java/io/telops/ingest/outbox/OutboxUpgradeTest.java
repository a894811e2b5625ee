package io.telops.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telops.ingest.PhoneEventsTopic;
import io.telops.ingest.Samples;
import io.telops.ingest.kafka.PhoneEventRecords;
import io.telops.ingest.polycom.PolycomEventParser;
import io.telops.ingest.polycom.PushEntry;
import io.telops.outbox.OutboxConfig;
import io.telops.outbox.OutboxEvent;
import io.telops.outbox.OutboxRelay;
import io.telops.outbox.OutboxSchema;
import io.telops.outbox.OutboxSettings;
import io.telops.outbox.PostgresOutboxStore;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.KafkaBroker;
import io.telops.testkit.PostgresServer;

/**
 * The upgrade of a deployed ingest (schema V5, its own {@code outbox} table) to platform/outbox on real PostgreSQL and
 * Kafka: the events still pending in the old table are published by the platform relay under their ce_ids, in the
 * old table's order, once; the old table is gone.
 */
@ExtendWith(InfrastructureExtension.class)
class OutboxUpgradeTest {
    private static final String MAC = "00E0F7A9A001";

    @Test
    void eventsPendingInTheOldOutboxArePublishedInOrderUnderTheirCeIdsAfterTheUpgrade(PostgresServer postgres, KafkaBroker kafka)
            throws Exception {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(postgres.createDatabase("ingest_upgrade"));
        db.setUser(PostgresServer.USER);
        db.setPassword(PostgresServer.PASSWORD);
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("5").load().migrate();

        // what a deployed V5 ingest leaves at a stop: pending rows, in seq order (and the row of a replayed copy)
        List<OutboxEvent> pending = events(Samples.callBurst(MAC, 1));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "insert into outbox (ce_id, raw_id, mac, ce_type, ce_time, payload) values (?, 1, ?, ?, ?, ?)")) {
            for (OutboxEvent e : pending) {
                insert(ps, e);
            }
            insert(ps, pending.get(0)); // V4 dropped the unique ce_id index: a replay could queue a second copy
        }

        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
        assertThat(OutboxSchema.migrate(db)).as("rows moved into telops_outbox").isEqualTo(pending.size());
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select to_regclass('outbox') is null and to_regclass('telops_outbox_upgrade') is null")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("old and upgrade tables gone").isTrue();
        }

        try (PhoneEventsTopic topic = new PhoneEventsTopic(kafka.bootstrapServers())) {
            OutboxRelay relay = new OutboxRelay(new PostgresOutboxStore(db, OutboxConfig.Claiming.LEADER, 4573001, false),
                    OutboxSettings.defaults(), "/event-ingest-service",
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new SimpleMeterRegistry());
            try {
                assertThat(relay.drain()).isEqualTo(pending.size());
            } finally {
                relay.stop();
            }
            List<PhoneEventsTopic.Message> published = topic.readUntil(
                    m -> m.stream().filter(r -> MAC.equals(r.key())).count() > pending.size(), Duration.ofSeconds(5))
                    .stream().filter(r -> MAC.equals(r.key())).toList();
            assertThat(published).extracting(PhoneEventsTopic.Message::ceId)
                    .containsExactlyElementsOf(Samples.ceIds(Samples.callBurst(MAC, 1)));
            assertThat(published.get(0).value()).isEqualTo(pending.get(0).payload());
            assertThat(published.get(0).headers()).containsEntry("ce_type", pending.get(0).type())
                    .containsEntry("ce_source", "/event-ingest-service").containsEntry("ce_time", pending.get(0).occurredAt().toString());
        }
    }

    private static List<OutboxEvent> events(String body) throws Exception {
        List<OutboxEvent> out = new ArrayList<>();
        for (PushEntry entry : new PolycomEventParser(262_144, 500).parse(
                new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), "10.1.2.3", Instant.now())) {
            if (entry instanceof PushEntry.Recognised r) {
                out.add(PhoneEventRecords.outboxEvent(r.ceId(), r.event(), java.util.Optional.empty()));
            }
        }
        return out;
    }

    private static void insert(PreparedStatement ps, OutboxEvent e) throws Exception {
        ps.setObject(1, e.id());
        ps.setString(2, e.key());
        ps.setString(3, e.type());
        ps.setTimestamp(4, Timestamp.from(e.occurredAt()));
        ps.setString(5, e.payload());
        ps.executeUpdate();
    }
}
