package io.telops.billing.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.billing.BillingFixtures;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** The purge removes published rows past the retention (7 days), batch by batch (100 in tests), and nothing else. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class OutboxPurgeTest {
    private static final String INSERT = "insert into outbox_event (id, topic, event_key, ce_type, payload, occurred_at, published_at) "
            + "select gen_random_uuid(), 'telops.billing-events', ?, 'io.telops.test.v1', '{}', now() - ?::interval, "
            + "case when ? then now() - ?::interval end from generate_series(1, ?)";

    @Inject
    OutboxPurge purge;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void removesPublishedRowsPastTheRetentionInBatchesAndKeepsUnpublishedAndRecentOnes() throws Exception {
        String key = "purge-" + BillingFixtures.unique();
        try (Connection relayPaused = dataSource.getConnection(); Connection c = dataSource.getConnection()) {
            // hold the relay's leader lock so it cannot publish the old unpublished rows while the test looks at them
            relayPaused.setAutoCommit(false);
            try (Statement st = relayPaused.createStatement()) {
                st.execute("select pg_advisory_xact_lock(" + OutboxRelay.LEADER_LOCK + ")");
            }
            insert(c, key + "-old", "8 days", true, 250);
            insert(c, key + "-unpublished", "30 days", false, 3);
            insert(c, key + "-recent", "6 days", true, 4);

            long purged = purge.purge();

            assertThat(purged).isGreaterThanOrEqualTo(250);
            assertThat(count(c, key + "-old")).isZero();
            assertThat(count(c, key + "-unpublished")).isEqualTo(3);
            assertThat(count(c, key + "-recent")).isEqualTo(4);
            try (PreparedStatement st = c.prepareStatement("delete from outbox_event where event_key = ?")) {
                st.setString(1, key + "-unpublished"); // test rows, never meant for the topic
                st.executeUpdate();
            }
            relayPaused.rollback();
        }
    }

    private static void insert(Connection c, String key, String age, boolean published, int rows) throws Exception {
        try (PreparedStatement st = c.prepareStatement(INSERT)) {
            st.setString(1, key);
            st.setString(2, age);
            st.setBoolean(3, published);
            st.setString(4, age);
            st.setInt(5, rows);
            st.executeUpdate();
        }
    }

    private static long count(Connection c, String key) throws Exception {
        try (PreparedStatement st = c.prepareStatement("select count(*) from outbox_event where event_key = ?")) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
