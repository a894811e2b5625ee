package io.telops.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.KafkaBroker;
import io.telops.testkit.PostgresServer;

/** The purge removes published events past the retention, batch by batch, and nothing else (real PostgreSQL). */
@ExtendWith(InfrastructureExtension.class)
class OutboxPurgeTest {
    private static final String ROWS = "insert into telops_outbox (id, topic, event_key, ce_type, payload, occurred_at, created_at, published_at) "
            + "select gen_random_uuid(), 't', '%s', 'io.telops.test.v1', '{}', now(), now() - interval '%s', %s from generate_series(1, %d)";

    @Test
    void removesPublishedEventsPastTheRetentionInBatchesAndKeepsUnpublishedAndRecentOnes(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        db.execute(ROWS.formatted("old", "8 days", "now() - interval '8 days'", 250));
        db.execute(ROWS.formatted("unpublished", "30 days", "null", 3));
        db.execute(ROWS.formatted("recent", "6 days", "now() - interval '6 days'", 4));
        OutboxSettings config = OutboxSettings.defaults().retention(Duration.ofDays(7)).purgeBatch(100);
        OutboxPurge purge = new OutboxPurge(new PostgresOutboxStore(db.dataSource, config.claiming(), config.leaderLock(), true), config);

        // 250 rows at 100 a batch: one batch alone would answer 100
        assertThat(purge.purge()).isEqualTo(250);
        assertThat(db.count("event_key = 'old'")).isZero();
        assertThat(db.count("event_key = 'unpublished'")).isEqualTo(3);
        assertThat(db.count("event_key = 'recent'")).isEqualTo(4);
        assertThat(purge.purge()).as("nothing more past the retention").isZero();
    }

    @Test
    void theStoreDeletesOnlyUpToTheCutoff(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        db.execute(ROWS.formatted("hour-old", "1 hour", "now()", 5));
        PostgresOutboxStore store = new PostgresOutboxStore(db.dataSource, OutboxConfig.Claiming.LEADER, 1, true);
        assertThat(store.purge(Instant.now().minus(Duration.ofHours(2)), 2)).isZero();
        assertThat(store.purge(Instant.now(), 2)).isEqualTo(5);
    }
}
