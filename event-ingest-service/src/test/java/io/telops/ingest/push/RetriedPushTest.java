package io.telops.ingest.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.ingest.DurablePushes;
import io.telops.ingest.PhoneEventsTopic;
import io.telops.ingest.kafka.KafkaAcceptor;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.testkit.SharedInfrastructure;

/**
 * A phone that retries sends the same bytes again: each event of it keeps one ce_id, whichever way (Kafka first or
 * the outbox) each copy was made durable, so consumers that de-duplicate on ce_id show it once.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class RetriedPushTest {
    static final AtomicInteger MACS = new AtomicInteger();
    static final String TIMESTAMP = "2026-11-25T10:15:00+01:00";
    static PhoneEventsTopic topic;

    @Inject
    MeterRegistry registry;

    @Inject
    KafkaAcceptor kafka;

    @BeforeAll
    static void openTopic() {
        topic = new PhoneEventsTopic(SharedInfrastructure.kafka().bootstrapServers());
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    @Test
    void theSameBytesTwiceOnTheKafkaPathAreOneEvent() throws Exception {
        awaitKafkaFirst();
        String mac = mac();
        double viaKafka = DurablePushes.count(registry, "kafka");

        push(offHook(mac, TIMESTAMP));
        push(offHook(mac, TIMESTAMP));

        assertThat(DurablePushes.count(registry, "kafka") - viaKafka).isEqualTo(2.0);
        List<String> ceIds = ceIdsOf(mac, 2);
        assertThat(ceIds).hasSize(2);
        assertThat(ceIds.get(1)).isEqualTo(ceIds.get(0));
    }

    @Test
    void theSameBytesOnTheOutboxPathAndThenOnTheKafkaPathAreOneEvent() throws Exception {
        awaitKafkaFirst();
        String mac = mac();
        double viaOutbox = DurablePushes.count(registry, "outbox");
        double viaKafka = DurablePushes.count(registry, "kafka");

        kafka.enabled(false);
        try {
            push(offHook(mac, TIMESTAMP));
            push(offHook(mac, TIMESTAMP));
        } finally {
            kafka.enabled(true);
        }
        push(offHook(mac, TIMESTAMP));

        assertThat(DurablePushes.count(registry, "outbox") - viaOutbox).isEqualTo(2.0);
        assertThat(DurablePushes.count(registry, "kafka") - viaKafka).isEqualTo(1.0);
        // the outbox queues the second copy only if the first was published and deleted already: while it waits, the
        // table's unique ce_id skips it (a race with the relay's ack), so the topic has 2 or 3 records, all one event
        List<String> ceIds = ceIdsOf(mac, 3);
        assertThat(ceIds).hasSizeBetween(2, 3);
        assertThat(ceIds).containsOnly(ceIds.get(0));
    }

    @Test
    void anotherTimestampOrAnotherPhoneIsAnotherEvent() throws Exception {
        String mac = mac();
        String other = mac();

        push(offHook(mac, TIMESTAMP));
        push(offHook(mac, "2026-11-25T10:15:01+01:00"));
        push(offHook(other, TIMESTAMP));

        List<PhoneEventsTopic.Message> read = topic.readUntil(m -> m.stream().filter(r -> mac.equals(r.key()) || other.equals(r.key()))
                .count() >= 3, Duration.ofSeconds(30));
        List<String> ceIds = read.stream().filter(m -> mac.equals(m.key())).map(PhoneEventsTopic.Message::ceId).toList();
        List<String> otherCeIds = read.stream().filter(m -> other.equals(m.key())).map(PhoneEventsTopic.Message::ceId).toList();
        assertThat(ceIds).hasSize(2).doesNotHaveDuplicates();
        assertThat(otherCeIds).hasSize(1).doesNotContainAnyElementsOf(ceIds);
    }

    private static String mac() {
        return String.format("00E0F7F%05X", MACS.incrementAndGet());
    }

    private static String offHook(String mac, String timestamp) {
        return "<PolycomIPPhone><OffHookEvent><PhoneIP>10.20.0.9</PhoneIP><MACAddress>" + mac + "</MACAddress><TimeStamp>"
                + timestamp + "</TimeStamp></OffHookEvent></PolycomIPPhone>";
    }

    private static void push(String body) {
        given().contentType("application/xml").body(body).when().post("/polycom/events").then().statusCode(200);
    }

    private static List<String> ceIdsOf(String mac, int records) {
        return topic.readUntil(read -> read.stream().filter(m -> mac.equals(m.key())).count() >= records, Duration.ofSeconds(30))
                .stream().filter(m -> mac.equals(m.key())).map(PhoneEventsTopic.Message::ceId).toList();
    }

    private void awaitKafkaFirst() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!kafka.open() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(kafka.open()).as("Kafka-first gate open").isTrue();
    }
}
