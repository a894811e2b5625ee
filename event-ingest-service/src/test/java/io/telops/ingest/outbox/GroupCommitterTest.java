package io.telops.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import io.telops.ingest.IngestConfig;
import io.telops.ingest.Samples;
import io.telops.ingest.polycom.PolycomEventParser;
import io.telops.outbox.OutboxEvent;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.PostgresServer;

/**
 * The group committer against a real PostgreSQL: pushes queued together are stored by one transaction, each gets
 * its own receipt; a group whose statement fails is refused as a whole and leaves nothing behind; a full queue
 * or a commit that does not come refuses at once instead of blocking the caller.
 */
@ExtendWith(InfrastructureExtension.class)
class GroupCommitterTest {
    static PGSimpleDataSource dataSource;
    static PushStore store;
    static final PolycomEventParser PARSER = new PolycomEventParser(262_144, 500);

    @BeforeAll
    static void database(PostgresServer postgres) {
        dataSource = MigratedDatabase.create(postgres, "ingest_group_commit");
        store = new PushStore(dataSource);
    }

    @Test
    void pushesQueuedTogetherAreCommittedByOneTransactionEachWithItsOwnReceipt() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        List<OutboxEvent> handed = new java.util.concurrent.CopyOnWriteArrayList<>();
        GroupCommitter committer = new GroupCommitter(store, outbox(1, 64, 64, Duration.ofSeconds(10)), rows -> {
            commits.incrementAndGet();
            handed.addAll(rows.events());
        }, (n, s, c) -> { });
        String sender = "group-ok-" + UUID.randomUUID();
        List<CompletableFuture<PushStore.Accepted>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            results.add(committer.submit(push(sender, String.format("00E0F7C%05X", i), i)));
        }
        committer.start(); // everything is queued before the writer runs: one group
        try {
            List<Long> rawIds = new ArrayList<>();
            for (CompletableFuture<PushStore.Accepted> r : results) {
                PushStore.Accepted accepted = r.get(30, TimeUnit.SECONDS);
                assertThat(accepted.recognised()).isEqualTo(Samples.EVENTS_PER_BURST);
                rawIds.add(accepted.rawId());
            }
            assertThat(new HashSet<>(rawIds)).as("one receipt per push").hasSize(20);
            assertThat(commits.get()).as("commits").isEqualTo(1);
            try (Connection c = dataSource.getConnection()) {
                assertThat(single(c, "select count(distinct xmin::text) from raw_push where remote_address = ?", sender))
                        .as("transactions that wrote the group").isEqualTo(1);
                assertThat(single(c, "select count(*) from raw_push where remote_address = ?", sender)).isEqualTo(20);
                Set<String> expected = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    expected.addAll(Samples.ceIds(Samples.callBurst(String.format("00E0F7C%05X", i), i)));
                }
                assertThat(expected).hasSize(20 * Samples.EVENTS_PER_BURST);
                assertThat(inOutbox(c, expected)).as("outbox rows under the events' ce_ids").isEqualTo(expected);
                // the relay gets the committed events in memory, as the table holds them
                assertThat(handed).hasSize(expected.size());
                List<Long> seqs = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "select seq, topic, event_key, ce_type, payload, occurred_at from telops_outbox where id = ?")) {
                    for (OutboxEvent event : handed) {
                        ps.setObject(1, event.id());
                        try (ResultSet rs = ps.executeQuery()) {
                            assertThat(rs.next()).as("row %s in the table", event.id()).isTrue();
                            seqs.add(rs.getLong(1));
                            assertThat(rs.getString(2)).isEqualTo(event.topic()).isEqualTo("telops.phone-events");
                            assertThat(rs.getString(3)).isEqualTo(event.key());
                            assertThat(rs.getString(4)).isEqualTo(event.type());
                            assertThat(rs.getString(5)).isEqualTo(event.payload());
                            assertThat(rs.getObject(6, java.time.OffsetDateTime.class).toInstant()).isEqualTo(event.occurredAt());
                        }
                    }
                }
                assertThat(seqs).as("handed over in insertion order").isSorted();
            }
        } finally {
            committer.stop();
        }
    }

    @Test
    void theCollectWindowGathersLaterPushesIntoOneCommitWhenBusyButNeverDelaysALonePush() throws Exception {
        AtomicInteger commits = new AtomicInteger();
        GroupCommitter committer = new GroupCommitter(store, outbox(1, 64, 64, Duration.ofSeconds(60)), rows -> commits.incrementAndGet(),
                (n, s, c) -> { });
        committer.collectWindow(Duration.ofSeconds(20)); // collect target 16
        String sender = "group-collect-" + UUID.randomUUID();
        List<CompletableFuture<PushStore.Accepted>> results = new ArrayList<>();
        results.add(committer.submit(push(sender, "00E0F7F00000", 0)));
        committer.start(); // the queue is not empty when the writer looks: it collects
        try {
            Thread.sleep(300);
            assertThat(results.get(0)).as("still collecting").isNotDone();
            long t0 = System.nanoTime();
            for (int i = 1; i < 16; i++) {
                results.add(committer.submit(push(sender, String.format("00E0F7F%05X", i), i)));
            }
            for (CompletableFuture<PushStore.Accepted> r : results) {
                r.get(30, TimeUnit.SECONDS);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("written when the target was reached, not at the window's end")
                    .isLessThan(Duration.ofSeconds(15));
            assertThat(commits.get()).isEqualTo(1);
            try (Connection c = dataSource.getConnection()) {
                assertThat(single(c, "select count(distinct xmin::text) from raw_push where remote_address = ?", sender)).isEqualTo(1);
                assertThat(single(c, "select count(*) from raw_push where remote_address = ?", sender)).isEqualTo(16);
            }
            // nothing queued while that group was written: a lone push is written at once
            Thread.sleep(500); // the writer is back waiting on the empty queue
            long t1 = System.nanoTime();
            committer.submit(push(sender, "00E0F7FFFFFF", 99)).get(30, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofSeconds(15));
            assertThat(commits.get()).isEqualTo(2);
        } finally {
            committer.stop();
        }
    }

    @Test
    void aGroupWhoseStatementFailsIsRefusedAsAWholeAndLeavesNothingHalfStored() throws Exception {
        String poison = "DEADBEEF0099";
        String sender = "group-fail-" + UUID.randomUUID();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("alter table telops_outbox add constraint test_poison check (event_key <> '" + poison + "')");
        }
        AtomicInteger commits = new AtomicInteger();
        GroupCommitter committer = new GroupCommitter(store, outbox(1, 64, 64, Duration.ofSeconds(10)), rows -> commits.incrementAndGet(), (n, s, c) -> { });
        Set<String> submitted = new HashSet<>();
        try {
            List<CompletableFuture<PushStore.Accepted>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String mac = i == 7 ? poison : String.format("00E0F7D%05X", i);
                submitted.addAll(Samples.ceIds(Samples.callBurst(mac, i)));
                results.add(committer.submit(push(sender, mac, i)));
            }
            committer.start();
            for (CompletableFuture<PushStore.Accepted> r : results) {
                assertThatThrownBy(() -> r.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SQLException.class);
            }
            assertThat(commits.get()).isZero();
            try (Connection c = dataSource.getConnection()) {
                assertThat(single(c, "select count(*) from raw_push where remote_address = ?", sender)).as("raw pushes kept").isZero();
                assertThat(inOutbox(c, submitted)).as("outbox rows kept").isEmpty();
                assertThat(single(c, "select count(*) from telops_outbox where event_key like '00E0F7D%'", null)).isZero();
            }
        } finally {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("alter table telops_outbox drop constraint test_poison");
            }
        }
        try {
            // the writer survived the failure: the next group is stored
            PushStore.Accepted next = committer.submit(push(sender, "00E0F7D0FFFF", 1)).get(30, TimeUnit.SECONDS);
            assertThat(next.recognised()).isEqualTo(Samples.EVENTS_PER_BURST);
            assertThat(commits.get()).isEqualTo(1);
        } finally {
            committer.stop();
        }
    }

    @Test
    void aFullQueueRefusesAtOnceAndAMissingCommitTimesOut() throws Exception {
        GroupCommitter committer = new GroupCommitter(store, outbox(1, 64, 2, Duration.ofMillis(300)), rows -> { }, (n, s, c) -> { });
        String sender = "group-full-" + UUID.randomUUID();
        // not started: nothing is written
        CompletableFuture<PushStore.Accepted> first = committer.submit(push(sender, "00E0F7E00001", 1));
        CompletableFuture<PushStore.Accepted> second = committer.submit(push(sender, "00E0F7E00002", 2));
        long t0 = System.nanoTime();
        CompletableFuture<PushStore.Accepted> third = committer.submit(push(sender, "00E0F7E00003", 3));
        assertThat(third).as("refused without waiting").isCompletedExceptionally();
        assertThatThrownBy(third::join).hasCauseInstanceOf(SQLException.class).hasMessageContaining("saturated");
        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aPushTheKafkaPathAlreadyNumberedIsQueuedEvenWhenTheQueueIsFull() throws Exception {
        GroupCommitter committer = new GroupCommitter(store, outbox(1, 64, 1, Duration.ofSeconds(10)), rows -> { }, (n, s, c) -> { });
        String sender = "group-numbered-" + UUID.randomUUID();
        long rawId;
        try (Connection c = dataSource.getConnection()) {
            rawId = store.rawIds().next(c);
        }
        // not started: the one fresh slot is taken, a second fresh push is refused
        CompletableFuture<PushStore.Accepted> fresh = committer.submit(push(sender, "00E0F7E10001", 1));
        assertThat(committer.submit(push(sender, "00E0F7E10002", 2))).isCompletedExceptionally();
        // the numbered push (its records may be on the broker already) is queued all the same, and keeps its id
        CompletableFuture<PushStore.Accepted> numbered = committer.submit(push(sender, "00E0F7E10003", 3).withRawId(rawId));
        assertThat(numbered).isNotDone();
        committer.start();
        try {
            assertThat(numbered.get(30, TimeUnit.SECONDS).rawId()).isEqualTo(rawId);
            assertThat(fresh.get(30, TimeUnit.SECONDS).rawId()).isNotEqualTo(rawId);
            // and the bound is free again once the fresh push was written
            assertThat(committer.submit(push(sender, "00E0F7E10004", 4)).get(30, TimeUnit.SECONDS).recognised())
                    .isEqualTo(Samples.EVENTS_PER_BURST);
        } finally {
            committer.stop();
        }
    }

    @Test
    void aRetryCommittedInTheSameGroupAsItsOriginalIsOneRowPerEvent() throws Exception {
        String sender = "group-retry-" + UUID.randomUUID();
        PushStore.Push original = push(sender, "00E0F7C9FFFF", 4242);
        List<OutboxEvent> handed = new ArrayList<>();

        List<PushStore.Accepted> accepted = store.acceptAll(List.of(original, original), (n, s, c) -> { }, rows -> handed.addAll(rows.events()));

        assertThat(accepted).extracting(PushStore.Accepted::rawId).as("a receipt each").doesNotHaveDuplicates();
        try (Connection c = dataSource.getConnection()) {
            assertThat(single(c, "select count(*) from raw_push where remote_address = ?", sender)).as("both kept for audit").isEqualTo(2);
            Set<String> ceIds = new HashSet<>(Samples.ceIds(new String(original.body(), StandardCharsets.UTF_8)));
            assertThat(inOutbox(c, ceIds)).as("outbox rows").hasSize(Samples.EVENTS_PER_BURST);
            assertThat(single(c, "select count(*) from telops_outbox where event_key = ?", "00E0F7C9FFFF"))
                    .as("one row per event").isEqualTo(Samples.EVENTS_PER_BURST);
        }
        assertThat(handed).extracting(OutboxEvent::id).as("events handed to the relay").hasSize(Samples.EVENTS_PER_BURST)
                .doesNotHaveDuplicates();
    }

    private static PushStore.Push push(String sender, String mac, int n) throws Exception {
        byte[] body = Samples.callBurst(mac, n).getBytes(StandardCharsets.UTF_8);
        return new PushStore.Push(sender, Optional.of("application/xml"), body,
                PARSER.parse(new ByteArrayInputStream(body), "10.1.2.3", Instant.now()));
    }

    /** Which of these ce_ids have a row in the outbox. */
    private static Set<String> inOutbox(Connection c, Set<String> ceIds) throws SQLException {
        Set<String> out = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("select id::text from telops_outbox where id = any(?::uuid[])")) {
            ps.setArray(1, c.createArrayOf("text", ceIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static long single(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static IngestConfig.Outbox outbox(int writers, int writeBatch, int writeQueue, Duration writeTimeout) {
        return new IngestConfig.Outbox() {
            public int writers() {
                return writers;
            }

            public int writeBatch() {
                return writeBatch;
            }

            public int writeQueue() {
                return writeQueue;
            }

            public Duration collectWindow() {
                return Duration.ZERO;
            }

            public int collectTarget() {
                return 16;
            }

            public Duration writeTimeout() {
                return writeTimeout;
            }
        };
    }
}
