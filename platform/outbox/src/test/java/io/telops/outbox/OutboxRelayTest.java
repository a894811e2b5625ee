package io.telops.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telops.contracts.CloudEventHeaders;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.KafkaBroker;
import io.telops.testkit.LoopbackPorts;
import io.telops.testkit.PostgresServer;

/** The relay against the testkit's real PostgreSQL and Kafka broker: what is published, once, and what is kept. */
@ExtendWith(InfrastructureExtension.class)
class OutboxRelayTest {
    private static final String SOURCE = "/outbox-test";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anInsertRolledBackWithItsTransactionPublishesNothing(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        OutboxEvent rolledBack = db.event("k-rolled-back");
        OutboxEvent committed = db.event("k-committed");
        db.write(List.of(rolledBack), false);
        db.write(List.of(committed), true);

        OutboxRelay relay = relay(db, OutboxSettings.defaults(), new SimpleMeterRegistry());
        assertThat(relay.drain()).isEqualTo(1);
        relay.stop();

        assertThat(db.published(1, WAIT)).extracting(ConsumerRecord::key).containsExactly("k-committed");
    }

    @Test
    void aCommittedEventIsPublishedExactlyOnceWithItsKeyAndCloudEventsHeaders(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        OutboxEvent event = db.event("account-42");
        db.write(List.of(event), true);

        OutboxRelay relay = relay(db, OutboxSettings.defaults(), new SimpleMeterRegistry());
        assertThat(relay.drain()).isEqualTo(1);
        assertThat(relay.drain()).as("nothing left to send").isZero();
        relay.stop();

        List<ConsumerRecord<String, String>> read = db.published(1, WAIT);
        assertThat(read).hasSize(1);
        ConsumerRecord<String, String> r = read.get(0);
        assertThat(r.key()).isEqualTo("account-42");
        assertThat(r.value()).isEqualTo(event.payload());
        assertThat(header(r, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(r, CloudEventHeaders.ID)).isEqualTo(event.id().toString());
        assertThat(header(r, CloudEventHeaders.TYPE)).isEqualTo("io.telops.test.happened.v1");
        assertThat(header(r, CloudEventHeaders.SOURCE)).isEqualTo(SOURCE);
        assertThat(header(r, CloudEventHeaders.TIME)).isEqualTo(event.occurredAt().toString());
        assertThat(header(r, CloudEventHeaders.SUBJECT)).isEqualTo("account-42");
        assertThat(header(r, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(db.count("true")).as("deleted once acknowledged (no retention)").isZero();
    }

    @Test
    void withARetentionAcknowledgedEventsAreMarkedPublishedAndKept(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        db.write(List.of(db.event("a"), db.event("b")), true);
        OutboxSettings config = OutboxSettings.defaults().retention(Duration.ofDays(7));
        OutboxRelay relay = new OutboxRelay(new PostgresOutboxStore(db.dataSource, config.claiming(), config.leaderLock(), true),
                config, SOURCE, db.kafka(), new SimpleMeterRegistry());
        assertThat(relay.drain()).isEqualTo(2);
        relay.stop();
        assertThat(db.count("published_at is not null")).isEqualTo(2);
        assertThat(db.count("published_at is null")).isZero();
    }

    @ParameterizedTest
    @EnumSource(OutboxConfig.Claiming.class)
    void twoRelaysOnOneTableNeverBothPublishAnEvent(OutboxConfig.Claiming claiming, PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        OutboxSettings config = OutboxSettings.defaults().claiming(claiming).batchSize(20);
        OutboxRelay one = relay(db, config, new SimpleMeterRegistry());
        OutboxRelay two = relay(db, config, new SimpleMeterRegistry());
        one.start();
        two.start();
        List<String> written = new ArrayList<>();
        for (int tx = 0; tx < 30; tx++) { // 30 transactions x 10 events, written while both relays run
            List<OutboxEvent> events = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                events.add(db.event("key-" + (i % 4)));
            }
            db.write(events, true);
            events.forEach(e -> written.add(e.id().toString()));
            Thread.sleep(10);
        }
        awaitEmpty(db);
        one.stop();
        two.stop();

        List<ConsumerRecord<String, String>> read = db.published(written.size(), WAIT);
        Map<String, Long> copies = read.stream().collect(Collectors.groupingBy(r -> header(r, CloudEventHeaders.ID), Collectors.counting()));
        assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(written);
        assertThat(copies.values()).as("each event once").containsOnly(1L);
    }

    @Test
    void inLeaderModeEventsOfOneKeyArriveInTheOrderTheyWereWritten(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        OutboxSettings config = OutboxSettings.defaults().batchSize(7);
        OutboxRelay one = relay(db, config, new SimpleMeterRegistry());
        OutboxRelay two = relay(db, config, new SimpleMeterRegistry());
        one.start();
        two.start();
        List<String> written = new ArrayList<>();
        for (int tx = 0; tx < 20; tx++) {
            OutboxEvent e = db.event("one-key");
            db.write(List.of(e, db.event("other-key")), true);
            written.add(e.id().toString());
        }
        awaitEmpty(db);
        one.stop();
        two.stop();
        List<String> read = db.published(40, WAIT).stream().filter(r -> r.key().equals("one-key"))
                .map(r -> header(r, CloudEventHeaders.ID)).toList();
        assertThat(read).containsExactlyElementsOf(written);
    }

    @Test
    void aBrokerOutageKeepsTheEventsAndTheyArePublishedInOrderOnceItIsBack(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        List<OutboxEvent> events = List.of(db.event("call-1"), db.event("call-1"), db.event("call-1"));
        db.write(events, true);

        // nothing listens on that port: every attempt fails, the events stay, the failures are counted
        MeterRegistry downMetrics = new SimpleMeterRegistry();
        OutboxSettings quick = OutboxSettings.defaults().ackTimeout(Duration.ofSeconds(2));
        OutboxRelay down = new OutboxRelay(new PostgresOutboxStore(db.dataSource, quick.claiming(), quick.leaderLock(), false), quick,
                SOURCE, Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + LoopbackPorts.free()), downMetrics);
        assertThatThrownBy(down::drain).isInstanceOf(IllegalStateException.class);
        down.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (downMetrics.counter("telops.outbox.publish.failures").count() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        down.stop();
        assertThat(downMetrics.counter("telops.outbox.publish.failures").count()).isGreaterThanOrEqualTo(1);
        assertThat(db.count("published_at is null")).isEqualTo(3);

        OutboxRelay back = relay(db, OutboxSettings.defaults(), new SimpleMeterRegistry());
        assertThat(back.drain()).isEqualTo(3);
        back.stop();
        assertThat(db.published(3, WAIT)).extracting(r -> header(r, CloudEventHeaders.ID))
                .containsExactlyElementsOf(events.stream().map(e -> e.id().toString()).toList());
    }

    @Test
    void metricsShowDepthAndLagWhileEventsWaitAndCountThePublished(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        db.write(List.of(db.event("m"), db.event("m"), db.event("m")), true);
        MeterRegistry metrics = new SimpleMeterRegistry();
        OutboxRelay relay = relay(db, OutboxSettings.defaults(), metrics);
        Thread.sleep(1100);

        relay.refreshBacklog(true);
        assertThat(metrics.get("telops.outbox.depth").gauge().value()).isEqualTo(3);
        assertThat(metrics.get("telops.outbox.lag.seconds").gauge().value()).isGreaterThanOrEqualTo(1.0);

        relay.drain();
        relay.refreshBacklog(true);
        relay.stop();
        assertThat(metrics.get("telops.outbox.depth").gauge().value()).isZero();
        assertThat(metrics.get("telops.outbox.lag.seconds").gauge().value()).isZero();
        assertThat(metrics.get("telops.outbox.published").counter().count()).isEqualTo(3);
        assertThat(metrics.get("telops.outbox.publish.failures").counter().count()).isZero();
    }

    @Test
    void theDepthGaugeCanComeFromTheTablesStatisticsInsteadOfACount(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        db.write(List.of(db.event("s"), db.event("s"), db.event("s"), db.event("s")), true);
        MeterRegistry metrics = new SimpleMeterRegistry();
        OutboxRelay relay = relay(db, OutboxSettings.defaults().depthFromStatistics(true), metrics);
        // PostgreSQL reports a backend's table counters within about a second of its commit
        assertThat(awaitDepth(relay, metrics, d -> d == 4)).isEqualTo(4);
        relay.drain();
        relay.stop();
        assertThat(awaitDepth(relay, metrics, d -> d == 0)).isZero();
    }

    /**
     * Vacuum skips the pages it found empty and all-visible before and keeps their old density, so a drained queue
     * table can keep a live-row estimate above zero until something changes it (the fault harness's outboxes that
     * "never drained"). Small depths are counted, so the gauge reads 0 at the first reading after the drain.
     */
    @Test
    void theDepthFromStatisticsReadsZeroOnceDrainedWhateverVacuumLeftInTheStatistics(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        List<OutboxEvent> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(db.event("v"));
        }
        db.writeArrays(many);
        db.execute("delete from telops_outbox where seq <= (select max(seq) - 10 from telops_outbox)");
        db.execute("vacuum telops_outbox");
        MeterRegistry metrics = new SimpleMeterRegistry();
        OutboxRelay relay = relay(db, OutboxSettings.defaults().depthFromStatistics(true), metrics);
        assertThat(relay.drain()).isEqualTo(10);
        db.execute("vacuum telops_outbox");
        assertThat(awaitLiveRowEstimate(db)).as("the statistics after the second vacuum").isPositive();

        relay.refreshBacklog(true);
        assertThat(metrics.get("telops.outbox.depth").gauge().value()).isZero();
        db.write(List.of(db.event("v"), db.event("v"), db.event("v")), true);
        relay.refreshBacklog(true);
        assertThat(metrics.get("telops.outbox.depth").gauge().value()).as("counted, not estimated").isEqualTo(3);
        relay.drain();
        relay.refreshBacklog(true);
        relay.stop();
        assertThat(metrics.get("telops.outbox.depth").gauge().value()).isZero();
    }

    @Test
    void aboveTheCountedDepthTheGaugeReadsTheStatistics(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        db.write(List.of(db.event("e"), db.event("e"), db.event("e"), db.event("e"), db.event("e")), true);
        PostgresOutboxStore store = new PostgresOutboxStore(db.dataSource, OutboxConfig.Claiming.LEADER, 4573001, false, true, 2);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (awaitLiveRowEstimate(db) < 5 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        db.execute("delete from telops_outbox where seq = (select min(seq) from telops_outbox)"); // 4 left
        // the estimate (5 until the delete is reported) or 4: anything above the counted bound of 2, never the bound
        assertThat(store.backlog().depth()).isBetween(4L, 5L);
        store = new PostgresOutboxStore(db.dataSource, OutboxConfig.Claiming.LEADER, 4573001, false, true, 4);
        assertThat(store.backlog().depth()).as("within the bound: counted").isEqualTo(4);
    }

    @Test
    void eventsInsertedAsArraysKeepTheirOrderAndAnIdAlreadyThereIsSkipped(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        List<OutboxEvent> first = List.of(db.event("order"), db.event("order"), db.event("order"));
        assertThat(db.writeArrays(first)).containsExactly(first.get(0).id(), first.get(1).id(), first.get(2).id());
        OutboxEvent later = db.event("order");
        // a retried group: the ids already there are skipped, only the new one is inserted (and returned)
        assertThat(db.writeArrays(List.of(first.get(1), later))).containsExactly(later.id());

        OutboxRelay relay = relay(db, OutboxSettings.defaults(), new SimpleMeterRegistry());
        assertThat(relay.drain()).isEqualTo(4);
        relay.stop();
        List<ConsumerRecord<String, String>> read = db.published(4, WAIT);
        assertThat(read).extracting(r -> header(r, CloudEventHeaders.ID)).containsExactly(first.get(0).id().toString(),
                first.get(1).id().toString(), first.get(2).id().toString(), later.id().toString());
        assertThat(read.get(0).value()).isEqualTo(first.get(0).payload());
        assertThat(header(read.get(0), CloudEventHeaders.TIME)).isEqualTo(first.get(0).occurredAt().toString());
    }

    @Test
    void handedOverEventsArePublishedWithoutReadingTheTableAndLeftoversByTheRecoveryPoll(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        OutboxSettings config = OutboxSettings.defaults().handOff(100, Duration.ofMillis(200), Duration.ofSeconds(1));
        OutboxRelay relay = started(db, config);

        // the leader lock held elsewhere: a table read would find nothing to claim, so what goes out was handed over
        try (var holder = leaderLockHeld(db, config)) {
            List<OutboxEvent> handed = List.of(db.event("fast"), db.event("fast"));
            db.write(handed, true);
            relay.handOff(handed);
            assertThat(db.published(2, WAIT)).extracting(ConsumerRecord::key).containsExactly("fast", "fast");
            awaitEmpty(db);
            holder.rollback();
        }

        OutboxEvent leftover = db.event("leftover"); // committed by another writer that never handed it over
        db.write(List.of(leftover), true);
        awaitEmpty(db);
        relay.stop();
        assertThat(db.published(3, WAIT)).extracting(r -> header(r, CloudEventHeaders.ID)).contains(leftover.id().toString());
    }

    @Test
    void eventsHandedOverWithTheirSeqAreDeletedByItAndNothingElseIs(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        OutboxSettings config = OutboxSettings.defaults().handOff(100, Duration.ofSeconds(30), Duration.ofSeconds(30));
        OutboxRelay relay = started(db, config);
        try (var holder = leaderLockHeld(db, config)) {
            OutboxEvent waiting = db.event("stays"); // committed, never handed over: the relay cannot read the table now
            db.write(List.of(waiting), true);
            List<OutboxEvent> handed = List.of(db.event("seq"), db.event("seq"));
            long[] seqs = new long[2];
            try (var c = db.dataSource.getConnection();
                 var st = c.prepareStatement(Outbox.INSERT_ARRAYS + " returning id, seq")) {
                Outbox.bindArrays(st, 1, handed);
                try (var rs = st.executeQuery()) {
                    for (int i = 0; rs.next(); i++) {
                        assertThat(rs.getObject(1)).isEqualTo(handed.get(i).id());
                        seqs[i] = rs.getLong(2);
                    }
                }
            }
            relay.handOff(handed, seqs);
            assertThat(db.published(2, WAIT)).extracting(r -> header(r, CloudEventHeaders.ID))
                    .containsExactly(handed.get(0).id().toString(), handed.get(1).id().toString());
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (db.count("true") > 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(db.count("true")).as("only the row never handed over is left").isEqualTo(1);
            assertThat(db.count("id = '" + waiting.id() + "'")).isEqualTo(1);
            holder.rollback();
        }
        relay.stop();
    }

    /**
     * The relay runs on its own thread at its own sub-second interval (100 ms here). Driven by Quarkus' simple
     * scheduler it ran once a second whatever the setting said: a median wait near 500 ms.
     */
    @Test
    void anEventWrittenWhileTheRelayIdlesLeavesWithinAFewIntervalsNotOnceASecond(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        OutboxRelay relay = relay(db, OutboxSettings.defaults(), new SimpleMeterRegistry());
        relay.start();
        List<Long> waits = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Thread.sleep(300 + 37 * i); // idle, at a different phase of the relay's wait each time
            db.write(List.of(db.event("latency")), true);
            long t0 = System.nanoTime();
            awaitEmpty(db);
            waits.add((System.nanoTime() - t0) / 1_000_000);
        }
        relay.stop();
        List<Long> sorted = waits.stream().sorted().toList();
        assertThat(sorted.get(3)).as("median wait in ms of %s", waits).isLessThan(400);
    }

    private static OutboxRelay relay(OutboxDatabase db, OutboxSettings config, MeterRegistry metrics) {
        return new OutboxRelay(new PostgresOutboxStore(db.dataSource, config.claiming(), config.leaderLock(), !config.retention().isZero(),
                config.depthFromStatistics()), config, SOURCE, db.kafka(), metrics);
    }

    /** A connection holding the relay's leader lock in an open transaction: the relay cannot read the table meanwhile. */
    private static java.sql.Connection leaderLockHeld(OutboxDatabase db, OutboxSettings config) throws Exception {
        java.sql.Connection holder = db.dataSource.getConnection();
        holder.setAutoCommit(false);
        holder.createStatement().execute("select pg_advisory_xact_lock(" + config.leaderLock() + ")");
        return holder;
    }

    /** A running relay whose start-up read of the table (empty here) is done. */
    private static OutboxRelay started(OutboxDatabase db, OutboxSettings config) throws Exception {
        OutboxRelay relay = relay(db, config, new SimpleMeterRegistry());
        relay.start();
        awaitEmpty(db);
        return relay;
    }

    private static double awaitDepth(OutboxRelay relay, MeterRegistry metrics, java.util.function.DoublePredicate reached) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        relay.refreshBacklog(true);
        while (!reached.test(metrics.get("telops.outbox.depth").gauge().value()) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            relay.refreshBacklog(true);
        }
        return metrics.get("telops.outbox.depth").gauge().value();
    }

    /** PostgreSQL's live-row estimate of the table, once the statistics have something to say (within ~1 s of a change). */
    private static long awaitLiveRowEstimate(OutboxDatabase db) throws Exception {
        Thread.sleep(1_100);
        try (var c = db.dataSource.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("select n_live_tup from pg_stat_user_tables where relname = 'telops_outbox'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static void awaitEmpty(OutboxDatabase db) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (db.count("published_at is null") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(db.count("published_at is null")).as("all published").isZero();
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

}
