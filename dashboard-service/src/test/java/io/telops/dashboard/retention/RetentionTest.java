package io.telops.dashboard.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.dashboard.Phones;
import io.telops.dashboard.devices.DevicesConfig;
import io.telops.dashboard.feed.FeedConfig;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * The purge of the read model on the real PostgreSQL: phone_log and processed_event by receive time, in batches of
 * their own transactions, and never a claim younger than the window in which a copy of its event can still arrive;
 * the feed's events and the refused fetches by event time, past their own retention.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class RetentionTest {
    private static final Duration WINDOW = Duration.ofDays(14);

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager entityManager;

    @Inject
    FeedConfig feedConfig;

    @Inject
    DevicesConfig devicesConfig;

    @Test
    void oldHistoryIsDeletedInBatchesOfTheirOwnAndRecentHistoryKept() {
        String mac = Phones.randomMac();
        Instant now = Instant.now();
        for (int i = 0; i < 5; i++) {
            log(mac, now.minus(Duration.ofDays(40)));
        }
        String recent = log(mac, now.minus(Duration.ofDays(20)));

        List<ReadModelRetention.Purged> purged = retention(Duration.ofDays(30), Duration.ofDays(30), 2).purge();

        assertThat(count("select count(*) from phone_log where mac = ?1", mac)).isEqualTo(1);
        assertThat(count("select count(*) from phone_log where event_id = ?1", recent)).isEqualTo(1);
        ReadModelRetention.Purged logs = purged.stream().filter(p -> p.table().equals("phone_log")).findFirst().orElseThrow();
        // 5 rows at 2 a transaction: 2 + 2 + 1, the short batch ends the run
        assertThat(logs.rows()).isGreaterThanOrEqualTo(5);
        assertThat(logs.batches()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void noClaimYoungerThanTheDuplicateWindowIsDeletedWhateverItsRetention() {
        String mac = Phones.randomMac();
        Instant now = Instant.now();
        String youngLog = log(mac, now.minus(Duration.ofDays(5)));
        String oldLog = log(mac, now.minus(Duration.ofDays(20)));
        String youngClaim = processed(now.minus(Duration.ofDays(3)));
        String oldClaim = processed(now.minus(Duration.ofDays(20)));

        // both retentions at one day, shorter than the 14-day window
        retention(Duration.ofDays(1), Duration.ofDays(1), 100).purge();

        assertThat(count("select count(*) from phone_log where event_id = ?1", youngLog)).isEqualTo(1);
        assertThat(count("select count(*) from phone_log where event_id = ?1", oldLog)).isZero();
        assertThat(count("select count(*) from processed_event where event_id = ?1", youngClaim)).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where event_id = ?1", oldClaim)).isZero();
    }

    @Test
    void feedEventsAndRefusedFetchesOlderThanTheirRetentionAreDeleted() {
        Instant now = Instant.now();
        // both retentions are 7 days by default
        String oldEvent = feedEvent(now.minus(Duration.ofDays(8)));
        String recentEvent = feedEvent(now.minus(Duration.ofDays(6)));
        String oldRefusal = refusedFetch(now.minus(Duration.ofDays(8)));
        String recentRefusal = refusedFetch(now.minus(Duration.ofDays(6)));

        List<ReadModelRetention.Purged> purged = retention(Duration.ofDays(90), Duration.ofDays(14), 100).purge();

        assertThat(count("select count(*) from feed_event where event_id = ?1", oldEvent)).isZero();
        assertThat(count("select count(*) from feed_event where event_id = ?1", recentEvent)).isEqualTo(1);
        assertThat(count("select count(*) from device_auth_failure where event_id = ?1", oldRefusal)).isZero();
        assertThat(count("select count(*) from device_auth_failure where event_id = ?1", recentRefusal)).isEqualTo(1);
        assertThat(purged).extracting(ReadModelRetention.Purged::table)
                .containsExactly("phone_log", "processed_event", "feed_event", "device_auth_failure");
    }

    private ReadModelRetention retention(Duration phoneLog, Duration processedEvents, int batchSize) {
        return new ReadModelRetention(dataSource, new RetentionConfig() {
            @Override
            public Duration phoneLog() {
                return phoneLog;
            }

            @Override
            public Duration processedEvents() {
                return processedEvents;
            }

            @Override
            public Duration duplicateWindow() {
                return WINDOW;
            }

            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public Duration every() {
                return Duration.ofHours(1);
            }
        }, feedConfig, devicesConfig);
    }

    private String log(String mac, Instant receivedAt) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        insert into phone_log (mac, event_id, event_type, occurred_at, utc_offset, summary, body, received_at)
                        values (?1, ?2, 'off-hook', ?3, 'Z', 'Off hook', '{}', ?3)""")
                .setParameter(1, mac).setParameter(2, id).setParameter(3, receivedAt.atOffset(ZoneOffset.UTC))
                .executeUpdate());
        return id;
    }

    private String feedEvent(Instant occurredAt) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        insert into feed_event (event_id, topic, event_type, event_key, occurred_at, received_at, body)
                        values (?1, 'telops.call-events', 'io.telops.call.call-received.v1', 'retention', ?2, ?2, '{}')""")
                .setParameter(1, id).setParameter(2, occurredAt.atOffset(ZoneOffset.UTC)).executeUpdate());
        return id;
    }

    private String refusedFetch(Instant occurredAt) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        insert into device_auth_failure (event_id, mac, client_ip, file_name, reason, occurred_at)
                        values (?1, ?2, '192.0.2.7', 'cfg.xml', 'bad-password', ?3)""")
                .setParameter(1, id).setParameter(2, Phones.randomMac()).setParameter(3, occurredAt.atOffset(ZoneOffset.UTC))
                .executeUpdate());
        return id;
    }

    private String processed(Instant processedAt) {
        String id = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                        insert into processed_event (event_id, topic, event_type, outcome, processed_at)
                        values (?1, 'telops.phone-events', 'x', 'malformed', ?2)""")
                .setParameter(1, id).setParameter(2, processedAt.atOffset(ZoneOffset.UTC)).executeUpdate());
        return id;
    }

    private long count(String sql, String value) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, value).getSingleResult()).longValue());
    }
}
