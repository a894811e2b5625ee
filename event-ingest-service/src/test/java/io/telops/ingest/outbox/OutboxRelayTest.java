package io.telops.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telops.ingest.IngestConfig;
import io.telops.ingest.PhoneEventsTopic;
import io.telops.ingest.Samples;
import io.telops.ingest.metrics.IngestMetrics;
import io.telops.ingest.polycom.PolycomEventParser;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.KafkaBroker;
import io.telops.testkit.PostgresServer;

/**
 * The relay on real PostgreSQL and Kafka: rows the group committer hands over are published without the table
 * being read; rows nobody handed over (a crash's leftovers, a replay) are read from the table at start, when the
 * relay is nudged, or once they are older than the recovery age; published rows leave the table.
 */
@ExtendWith(InfrastructureExtension.class)
class OutboxRelayTest {
    static final PolycomEventParser PARSER = new PolycomEventParser(262_144, 500);
    static PGSimpleDataSource dataSource;
    static OutboxStore store;
    static String bootstrap;

    @BeforeAll
    static void infrastructure(PostgresServer postgres, KafkaBroker kafka) {
        String url = postgres.createDatabase("ingest_relay");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(PostgresServer.USER);
        dataSource.setPassword(PostgresServer.PASSWORD);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        store = new OutboxStore(dataSource);
        bootstrap = kafka.bootstrapServers();
    }

    @Test
    void handedRowsArePublishedWithoutReadingTheTableAndLeftoversWhenDue() throws Exception {
        try (PhoneEventsTopic topic = new PhoneEventsTopic(bootstrap)) {
            // a crash's leftover: committed, never handed over
            Set<String> leftover = stored(List.of(push("00E0F7E00001", 1)));
            // recovery poll far away: after the start-up read, only hand-offs and nudges publish
            OutboxRelay relay = new OutboxRelay(store, new IngestMetrics(new SimpleMeterRegistry()),
                    outbox(Duration.ofHours(1), Duration.ofHours(1)), bootstrap);
            relay.start();
            try {
                assertThat(readCeIds(topic, "00E0F7E", leftover)).as("leftover published at start").containsAll(leftover);
                assertThat(awaitGone(leftover)).as("published rows leave the table").isZero();

                List<OutboxStore.Push> pushes = List.of(push("00E0F7E00002", 2), push("00E0F7E00003", 3));
                store.acceptAll(pushes, (n, s, c) -> { }, relay::handOff);
                Set<String> handed = ceIds(pushes);
                Set<String> notHanded = stored(List.of(push("00E0F7E00004", 4)));
                assertThat(readCeIds(topic, "00E0F7E", handed)).as("handed over rows published").containsAll(handed);
                assertThat(awaitGone(handed)).isZero();
                Thread.sleep(1_000);
                assertThat(unpublished(notHanded)).as("a row nobody handed over waits for a table read").isEqualTo(notHanded.size());

                relay.nudge(); // what replay and state polling do after inserting rows
                assertThat(readCeIds(topic, "00E0F7E", notHanded)).as("published after a nudge").containsAll(notHanded);
                assertThat(awaitGone(notHanded)).isZero();
            } finally {
                relay.stop();
            }
        }
    }

    @Test
    void rowsNobodyHandedOverArePublishedOnceOlderThanTheRecoveryAge() throws Exception {
        OutboxRelay relay = new OutboxRelay(store, new IngestMetrics(new SimpleMeterRegistry()),
                outbox(Duration.ofMillis(200), Duration.ofSeconds(1)), bootstrap);
        relay.start();
        try (PhoneEventsTopic topic = new PhoneEventsTopic(bootstrap)) {
            Thread.sleep(500); // past the start-up read
            Set<String> orphan = stored(List.of(push("00E0F7E10001", 1)));
            Instant committed = Instant.now();
            // hand-offs keep coming (a busy relay) while the orphan ages
            for (int i = 0; i < 10; i++) {
                store.acceptAll(List.of(push(String.format("00E0F7E2%04X", i), i)), (n, s, c) -> { }, relay::handOff);
                Thread.sleep(100);
            }
            assertThat(readCeIds(topic, "00E0F7E1", orphan)).as("another replica's leftover").containsAll(orphan);
            assertThat(Duration.between(committed, Instant.now())).as("not before the recovery age").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(awaitGone(orphan)).isZero();
        } finally {
            relay.stop();
        }
    }

    private static Set<String> readCeIds(PhoneEventsTopic topic, String macPrefix, Set<String> wanted) {
        return topic.readUntil(m -> m.stream().map(PhoneEventsTopic.Message::ceId).collect(Collectors.toSet()).containsAll(wanted),
                        Duration.ofSeconds(30)).stream()
                .filter(m -> m.key().startsWith(macPrefix)).map(PhoneEventsTopic.Message::ceId).collect(Collectors.toSet());
    }

    /** Stores the pushes in one group commit, handed to nobody; returns their events' ce_ids. */
    private static Set<String> stored(List<OutboxStore.Push> pushes) throws Exception {
        store.acceptAll(pushes);
        return ceIds(pushes);
    }

    private static Set<String> ceIds(List<OutboxStore.Push> pushes) {
        Set<String> out = new HashSet<>();
        for (OutboxStore.Push push : pushes) {
            out.addAll(Samples.ceIds(new String(push.body(), StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Rows still in the table once the relay had up to 10 s to delete them (it deletes after the broker's acks). */
    private static long awaitGone(Set<String> ceIds) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long left = unpublished(ceIds);
        while (left > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = unpublished(ceIds);
        }
        return left;
    }

    private static long unpublished(Set<String> ceIds) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from outbox where ce_id = any(?::uuid[])")) {
            ps.setArray(1, c.createArrayOf("text", ceIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static OutboxStore.Push push(String mac, int n) throws Exception {
        byte[] body = Samples.callBurst(mac, n).getBytes(StandardCharsets.UTF_8);
        return new OutboxStore.Push("relay-test", Optional.of("application/xml"), body,
                PARSER.parse(new ByteArrayInputStream(body), "127.0.0.1", Instant.now()));
    }

    static IngestConfig.Outbox outbox(Duration recoveryPoll, Duration recoveryAge) {
        IngestConfig.Outbox base = GroupCommitterTest.outbox(1, 64, 64, Duration.ofSeconds(10));
        return new IngestConfig.Outbox() {
            public int batchSize() {
                return base.batchSize();
            }

            public Duration idlePoll() {
                return base.idlePoll();
            }

            public Duration linger() {
                return base.linger();
            }

            public Duration ackTimeout() {
                return base.ackTimeout();
            }

            public String source() {
                return base.source();
            }

            public int writers() {
                return 1;
            }

            public int writeBatch() {
                return 64;
            }

            public int writeQueue() {
                return 64;
            }

            public Duration collectWindow() {
                return Duration.ZERO;
            }

            public int collectTarget() {
                return 16;
            }

            public Duration writeTimeout() {
                return base.writeTimeout();
            }

            public int handOffQueue() {
                return 1_000;
            }

            public Duration recoveryPoll() {
                return recoveryPoll;
            }

            public Duration recoveryAge() {
                return recoveryAge;
            }
        };
    }
}
