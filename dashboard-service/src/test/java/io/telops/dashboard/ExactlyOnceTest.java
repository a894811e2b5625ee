package io.telops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.Topics;
import io.telops.contracts.phone.PhoneEvent;
import io.telops.dashboard.events.ConsumerMetrics;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** 10,000 records, 2,000 of them redeliveries of a ce_id already sent: the read model holds each event once. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class ExactlyOnceTest {
    private static final int PHONES = 200;
    private static final int EVENTS_PER_PHONE = 40;
    private static final int DUPLICATES = 2_000;

    @Inject
    EntityManager entityManager;

    @Inject
    ConsumerMetrics metrics;

    record Sent(String id, PhoneEvent event) {
    }

    @Test
    void tenThousandRecordsWithDuplicatesLandExactlyOnce() {
        Random random = new Random(7);
        List<String> macs = new ArrayList<>();
        List<Sent> unique = new ArrayList<>();
        Instant start = Phones.now().minusSeconds(600);
        for (int p = 0; p < PHONES; p++) {
            String mac = Phones.randomMac();
            macs.add(mac);
            for (int i = 0; i < EVENTS_PER_PHONE; i++) {
                Instant at = start.plusMillis(i * 10L);
                PhoneEvent event = i % 2 == 0 ? Phones.offHook(mac, at) : Phones.onHook(mac, at);
                unique.add(new Sent(UUID.randomUUID().toString(), event));
            }
        }
        List<Sent> duplicates = new ArrayList<>();
        for (int i = 0; i < DUPLICATES; i++) {
            duplicates.add(unique.get(random.nextInt(unique.size())));
        }
        // half the copies travel in the same burst as their originals (often the same poll batch),
        // half come after the originals were applied (a redelivery after a producer retry or replay)
        List<Sent> firstBurst = new ArrayList<>(unique);
        firstBurst.addAll(duplicates.subList(0, DUPLICATES / 2));
        Collections.shuffle(firstBurst, random);
        double retriedBefore = metrics.batchesRetried(Topics.PHONE_EVENTS);
        long started = System.nanoTime();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            firstBurst.forEach(s -> producer.publish(s.id(), s.event()));
        }
        Eventually.within(Duration.ofSeconds(120), () -> assertThat(logRows(macs)).isEqualTo(PHONES * EVENTS_PER_PHONE));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d records (%d unique) published and applied in %.1f s: %.0f records/s%n",
                firstBurst.size(), unique.size(), seconds, firstBurst.size() / seconds);
        io.restassured.RestAssured.given().get("/q/metrics").then().extract().asString().lines()
                .filter(l -> l.startsWith("dashboard_consumer_batch")).forEach(System.out::println);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            duplicates.subList(DUPLICATES / 2, DUPLICATES).forEach(s -> producer.publish(s.id(), s.event()));
            // a marker behind the copies on one partition tells when they have all been consumed
            producer.publish(Phones.offHook(macs.get(0), start.plusSeconds(60)));
        }
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(logRows(List.of(macs.get(0)))).isEqualTo(EVENTS_PER_PHONE + 1));
        // the other partitions: wait until the consumer group has nothing left to read of the copies
        Eventually.within(Duration.ofSeconds(60), () -> assertThat(claimed(duplicates)).isEqualTo(distinct(duplicates)));
        sleepAFewPolls();

        assertThat(logRows(macs)).isEqualTo(PHONES * EVENTS_PER_PHONE + 1);
        assertThat(distinctLogIds(macs)).isEqualTo(PHONES * EVENTS_PER_PHONE + 1);
        assertThat(eventCounts(macs)).isEqualTo(PHONES * EVENTS_PER_PHONE + 1);
        // the batches themselves held: exactly-once did not come from the record-by-record fallback
        assertThat(metrics.batchesRetried(Topics.PHONE_EVENTS)).isEqualTo(retriedBefore);
    }

    private static long distinct(List<Sent> sent) {
        return sent.stream().map(Sent::id).distinct().count();
    }

    private static void sleepAFewPolls() {
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long logRows(List<String> macs) {
        return number("select count(*) from phone_log where mac in (:macs)", macs);
    }

    private long distinctLogIds(List<String> macs) {
        return number("select count(distinct event_id) from phone_log where mac in (:macs)", macs);
    }

    private long eventCounts(List<String> macs) {
        return number("select coalesce(sum(event_count), 0) from phone where mac in (:macs)", macs);
    }

    private long claimed(List<Sent> sent) {
        // a phone event's claim is its log row (V32)
        return number("select count(distinct event_id) from phone_log where event_id in (:macs)",
                sent.stream().map(Sent::id).distinct().toList());
    }

    private long number(String sql, List<String> values) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(sql)
                .setParameter("macs", values).getSingleResult()).longValue());
    }
}
