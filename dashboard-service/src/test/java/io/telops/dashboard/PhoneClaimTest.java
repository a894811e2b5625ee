package io.telops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * A phone event's claim is its log row (unique ce_id, V32): an applied event leaves no processed_event row, a copy
 * finds its log row, and a ce_id remembered in processed_event (set aside earlier, or claimed before V32) is never
 * applied.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class PhoneClaimTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EntityManager entityManager;

    @Test
    void theLogRowIsTheClaimAndProcessedEventStillVetoes() {
        String mac = Phones.randomMac();
        Instant start = Phones.now();
        String applied = UUID.randomUUID().toString();
        String setAside = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "insert into processed_event (event_id, topic, event_type, outcome) values (?1, 'telops.phone-events', 'x', 'failed')")
                .setParameter(1, setAside).executeUpdate());

        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.publish(applied, Phones.offHook(mac, start));
            producer.publish(setAside, Phones.onHook(mac, start.plusMillis(1)));
            producer.publish(Phones.offHook(mac, start.plusMillis(2)));
        }
        Eventually.within(WAIT, () -> assertThat(count("select count(*) from phone_log where mac = ?1", mac)).isEqualTo(2));
        assertThat(count("select count(*) from phone_log where event_id = ?1", applied)).isEqualTo(1);
        assertThat(count("select count(*) from processed_event where event_id = ?1", applied)).isZero();
        assertThat(count("select count(*) from phone_log where event_id = ?1", setAside)).isZero();

        // copies of both, then a marker on the same partition: only the marker is applied
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.publish(applied, Phones.offHook(mac, start));
            producer.publish(setAside, Phones.onHook(mac, start.plusMillis(1)));
            producer.publish(Phones.onHook(mac, start.plusMillis(3)));
        }
        Eventually.within(WAIT, () -> assertThat(count("select count(*) from phone_log where mac = ?1", mac)).isEqualTo(3));
        assertThat(count("select count(*) from phone_log where event_id = ?1", applied)).isEqualTo(1);
        assertThat(count("select count(*) from phone_log where event_id = ?1", setAside)).isZero();
        assertThat(count("select event_count from phone where mac = ?1", mac)).isEqualTo(3);
    }

    @Test
    void theLogCannotHoldAnEventTwice() {
        String id = UUID.randomUUID().toString();
        String insert = """
                insert into phone_log (mac, event_id, event_type, occurred_at, utc_offset, summary, body)
                values (?1, ?2, 'off-hook', now(), 'Z', 'off hook', '{}')""";
        String mac = Phones.randomMac();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(insert)
                .setParameter(1, mac).setParameter(2, id).executeUpdate());
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(insert)
                .setParameter(1, mac).setParameter(2, id).executeUpdate()))
                .as("a second log row with the same ce_id").isInstanceOf(RuntimeException.class);
        assertThat(count("select count(*) from phone_log where event_id = ?1", id)).isEqualTo(1);
    }

    private long count(String sql, String value) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter(1, value).getSingleResult()).longValue());
    }
}
