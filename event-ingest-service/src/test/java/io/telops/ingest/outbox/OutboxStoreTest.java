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

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.telops.ingest.Samples;
import io.telops.ingest.polycom.PolycomEventParser;
import io.telops.ingest.polycom.PushEntry;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.PostgresServer;

/**
 * What the V4 schema (no unique index on ce_id, BRIN on received_at) must keep: a replay of a push whose events are
 * still pending queues them again under the same ce_ids instead of failing, and the replay window and the retention
 * purge still find raw pushes by receive time.
 */
@ExtendWith(InfrastructureExtension.class)
class OutboxStoreTest {
    static OutboxStore store;
    static final PolycomEventParser PARSER = new PolycomEventParser(262_144, 500);

    @BeforeAll
    static void database(PostgresServer postgres) {
        store = new OutboxStore(MigratedDatabase.create(postgres, "ingest_outbox_store"));
    }

    @Test
    void replayOfAPendingPushQueuesItsEventsAgainUnderTheSameCeIds() throws Exception {
        byte[] body = Samples.callBurst("00E0F7D00001", 1).getBytes(StandardCharsets.UTF_8);
        List<PushEntry> entries = PARSER.parse(new ByteArrayInputStream(body), "10.9.8.7", Instant.now());
        OutboxStore.Accepted accepted = store.accept("10.9.8.7", Optional.of("application/xml"), body, entries);
        assertThat(accepted.recognised()).isEqualTo(Samples.EVENTS_PER_BURST);

        assertThat(store.replay(accepted.rawId(), entries)).isEqualTo(Samples.EVENTS_PER_BURST);

        List<String> ceIds = new ArrayList<>();
        try (Connection c = store.connection();
             PreparedStatement ps = c.prepareStatement("select ce_id from outbox where raw_id = ? order by seq")) {
            ps.setLong(1, accepted.rawId());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ceIds.add(rs.getString(1));
                }
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < Samples.EVENTS_PER_BURST; i++) {
            expected.add(OutboxStore.ceId(accepted.rawId(), i).toString());
        }
        // the original rows and the replayed copies: the same ids twice, which consumers de-duplicate
        assertThat(ceIds).hasSize(2 * Samples.EVENTS_PER_BURST);
        assertThat(ceIds.subList(0, Samples.EVENTS_PER_BURST)).isEqualTo(expected);
        assertThat(ceIds.subList(Samples.EVENTS_PER_BURST, ceIds.size())).isEqualTo(expected);
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
        assertThat(store.rawPushes(before, after, 1_000)).extracting(OutboxStore.RawPush::id).containsAll(ids);
        assertThat(store.rawPushes(after, after.plusSeconds(60), 1_000)).isEmpty();

        assertThat(store.purge(Duration.ofHours(1))).isZero(); // nothing is an hour old
        Thread.sleep(20);
        assertThat(store.purge(Duration.ofMillis(10))).isGreaterThanOrEqualTo(ids.size());
        assertThat(store.rawPushes(before, after, 1_000)).isEmpty();
    }
}
