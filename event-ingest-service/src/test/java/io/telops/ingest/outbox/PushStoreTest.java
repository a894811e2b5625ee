package io.telops.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.telops.ingest.Samples;
import io.telops.ingest.polycom.PolycomEventParser;
import io.telops.ingest.polycom.PushEntry;
import io.telops.outbox.OutboxConfig;
import io.telops.outbox.PostgresOutboxStore;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.PostgresServer;

/**
 * The push store on the service's and platform/outbox's schema: a replay of a push whose events are still pending
 * keeps them queued once under the same ce_ids instead of failing, the replay window and the retention purge find raw
 * pushes by receive time (BRIN), the archiver and the outbox path store a push's raw side once.
 */
@ExtendWith(InfrastructureExtension.class)
class PushStoreTest {
    static PushStore store;
    static javax.sql.DataSource dataSource;
    static final PolycomEventParser PARSER = new PolycomEventParser(262_144, 500);

    @BeforeAll
    static void database(PostgresServer postgres) {
        dataSource = MigratedDatabase.create(postgres, "ingest_outbox_store");
        store = new PushStore(dataSource);
    }

    @Test
    void replayOfAPendingPushKeepsItsEventsQueuedOnceUnderTheSameCeIds() throws Exception {
        byte[] body = Samples.callBurst("00E0F7D00001", 1).getBytes(StandardCharsets.UTF_8);
        List<PushEntry> entries = PARSER.parse(new ByteArrayInputStream(body), "10.9.8.7", Instant.now());
        PushStore.Accepted accepted = store.accept("10.9.8.7", Optional.of("application/xml"), body, entries);
        assertThat(accepted.recognised()).isEqualTo(Samples.EVENTS_PER_BURST);

        assertThat(store.replay(entries)).isEqualTo(Samples.EVENTS_PER_BURST);

        // still waiting from the push: not added twice (telops_outbox skips an id it holds), in the push's order
        assertThat(queued(Samples.ceIds(new String(body, StandardCharsets.UTF_8))))
                .isEqualTo(Samples.ceIds(new String(body, StandardCharsets.UTF_8)));
    }

    @Test
    void replayWindowAndRetentionFindRawPushesByReceiveTime() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] body = Samples.callBurst(String.format("00E0F7D1%04X", i), i).getBytes(StandardCharsets.UTF_8);
            ids.add(store.accept("10.9.8.6", Optional.empty(), body,
                    PARSER.parse(new ByteArrayInputStream(body), "10.9.8.6", Instant.now())).rawId());
        }
        Instant after = Instant.now().plusSeconds(1);
        assertThat(store.rawPushes(before, after, 1_000)).extracting(PushStore.RawPush::id).containsAll(ids);
        assertThat(store.rawPushes(after, after.plusSeconds(60), 1_000)).isEmpty();

        assertThat(store.purge(Duration.ofHours(1))).isZero(); // nothing is an hour old
        Thread.sleep(20);
        assertThat(store.purge(Duration.ofMillis(10))).isGreaterThanOrEqualTo(ids.size());
        assertThat(store.rawPushes(before, after, 1_000)).isEmpty();
    }

    @Test
    void archivingThePushOfAFailedAckAndItsOutboxCopyStoresTheRawSideOnce() throws Exception {
        String mac = "00E0F7D20001";
        String body = Samples.callBurst(mac, 3).replace("</PolycomIPPhone>",
                "<FutureGadgetEvent><MACAddress>" + mac + "</MACAddress></FutureGadgetEvent></PolycomIPPhone>");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Instant receivedAt = Instant.parse("2026-12-06T06:00:00.123456Z");
        List<PushEntry> entries = PARSER.parse(new ByteArrayInputStream(bytes), "10.9.8.5", receivedAt);
        long rawId = store.rawIds().tryNext().orElseGet(() -> {
            try (Connection c = store.connection()) {
                return store.rawIds().next(c);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        PushStore.Push push = new PushStore.Push("10.9.8.5", Optional.of("application/xml"), bytes, entries, receivedAt,
                java.util.OptionalLong.of(rawId));

        // the archiver, twice (a crash before its offsets were committed), then the outbox after a late ack failure
        store.archive(List.of(push));
        store.archive(List.of(push));
        List<PushStore.Accepted> accepted = store.acceptAll(List.of(push));

        assertThat(accepted.get(0).rawId()).isEqualTo(rawId);
        assertThat(accepted.get(0).recognised()).isEqualTo(Samples.EVENTS_PER_BURST);
        assertThat(accepted.get(0).unrecognised()).isEqualTo(1);
        try (Connection c = store.connection()) {
            assertThat(count(c, "select count(*) from raw_push where id = ?", rawId)).isEqualTo(1);
            assertThat(count(c, "select count(*) from unrecognised_event where raw_id = ?", rawId)).isEqualTo(1);
            // the events still go out through the outbox, under the ce_ids they were produced with
            assertThat(queued(Samples.ceIds(body))).hasSize(Samples.EVENTS_PER_BURST);
            try (PreparedStatement ps = c.prepareStatement("select received_at, body, recognised_count from raw_push where id = ?")) {
                ps.setLong(1, rawId);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getTimestamp(1).toInstant()).isEqualTo(receivedAt);
                    assertThat(rs.getBytes(2)).isEqualTo(bytes);
                    assertThat(rs.getInt(3)).isEqualTo(Samples.EVENTS_PER_BURST);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("select ip from known_phone where mac = ?")) {
                ps.setString(1, mac);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("10.20.0.4");
                }
            }
        }
    }

    @Test
    void aGroupIsWrittenInRawIdOrderAndAnsweredInSubmissionOrder() throws Exception {
        long low;
        long high;
        try (Connection c = store.connection()) {
            low = store.rawIds().next(c);
            high = store.rawIds().next(c);
        }
        List<PushStore.Push> group = new ArrayList<>();
        for (long id : new long[] {high, low}) {
            byte[] body = Samples.callBurst(String.format("00E0F7D3%04X", id % 0xFFFF), 5).getBytes(StandardCharsets.UTF_8);
            group.add(new PushStore.Push("10.9.8.3", Optional.empty(), body,
                    PARSER.parse(new ByteArrayInputStream(body), "10.9.8.3", Instant.now())).withRawId(id));
        }
        List<PushStore.Accepted> accepted = store.acceptAll(group);
        // answered in the order submitted...
        assertThat(accepted).extracting(PushStore.Accepted::rawId).containsExactly(high, low);
        // ...but inserted in raw id order (what the archiver does too, so the two never wait on each other crosswise)
        assertThat(column(Long.class, "select id from raw_push where id in (?, ?) order by ctid", low, high))
                .containsExactly(low, high);
    }

    @Test
    void archivingRefusesAPushWithoutItsRawId() {
        byte[] body = Samples.callBurst("00E0F7D20002", 1).getBytes(StandardCharsets.UTF_8);
        PushStore.Push push = new PushStore.Push("10.9.8.5", Optional.empty(), body, List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.archive(List.of(push)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAdminDepthCountsTheEventsWaitingUntilThePlatformRelayAcknowledgesThem() throws Exception {
        long before = store.depth();
        byte[] body = Samples.callBurst("00E0F7D20003", 4).getBytes(StandardCharsets.UTF_8);
        store.accept("10.9.8.4", Optional.empty(), body, PARSER.parse(new ByteArrayInputStream(body), "10.9.8.4", Instant.now()));
        assertThat(store.depth()).isEqualTo(before + Samples.EVENTS_PER_BURST);

        // what the relay does once the broker acknowledged events handed over in memory
        new PostgresOutboxStore(dataSource, OutboxConfig.Claiming.LEADER, 4573001, false)
                .acknowledge(Samples.ceIds(new String(body, StandardCharsets.UTF_8)).stream().map(UUID::fromString).toList());
        assertThat(store.depth()).isEqualTo(before);
    }

    /** The ce_ids of those events waiting in telops_outbox, in relay (seq) order. */
    private static List<String> queued(List<String> ceIds) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = store.connection();
             PreparedStatement ps = c.prepareStatement("select id::text from telops_outbox where id = any(?::uuid[]) order by seq")) {
            ps.setArray(1, c.createArrayOf("text", ceIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The first column of every row a query over bigint parameters returns. */
    private static <T> List<T> column(Class<T> type, String sql, long... params) throws java.sql.SQLException {
        List<T> out = new ArrayList<>();
        try (Connection c = store.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setLong(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getObject(1, type));
                }
            }
        }
        return out;
    }

    private static long count(Connection c, String sql, long id) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
