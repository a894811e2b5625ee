package io.telops.ingest.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.Topics;
import io.telops.ingest.PhoneEventsTopic;
import io.telops.ingest.Samples;
import io.telops.ingest.outbox.OutboxStore;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.testkit.SharedInfrastructure;

/**
 * With the broker up, a push is acknowledged on the broker's acks: its events are on telops.phone-events under the
 * ce_ids of its receipt, its raw record on the internal topic, and the archiver stores the raw side in PostgreSQL
 * (once) behind the answer, so audit, replay and state polling see it as before.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class KafkaFirstAcceptanceTest {
    static PhoneEventsTopic events;
    static KafkaConsumer<String, byte[]> raw;

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void openTopics() {
        String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
        events = new PhoneEventsTopic(bootstrap);
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        raw = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = raw.partitionsFor(Topics.INGEST_RAW_PUSHES, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        raw.assign(partitions);
        raw.seekToEnd(partitions);
        partitions.forEach(raw::position);
    }

    @AfterAll
    static void closeTopics() {
        events.close();
        raw.close(Duration.ofSeconds(5));
    }

    @Test
    void aPushIsAcknowledgedOnTheBrokersAcksAndArchivedOnceBehindTheAnswer() throws Exception {
        String mac = "00E0F7E00001";
        String body = Samples.callBurst(mac, 7).replace("</PolycomIPPhone>",
                "<FutureGadgetEvent><MACAddress>" + mac + "</MACAddress></FutureGadgetEvent></PolycomIPPhone>");
        awaitGateOpen();
        double viaKafka = durable("kafka");
        double viaOutbox = durable("outbox");

        long receipt = given().contentType("application/xml").body(body).when().post("/polycom/events").then()
                .statusCode(200).extract().jsonPath().getLong("receipt");

        assertThat(durable("kafka") - viaKafka).isEqualTo(1.0);
        assertThat(durable("outbox") - viaOutbox).isZero();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < Samples.EVENTS_PER_BURST; i++) {
            expected.add(OutboxStore.ceId(receipt, i).toString());
        }
        List<PhoneEventsTopic.Message> published = events.readUntil(
                read -> read.stream().filter(m -> mac.equals(m.key())).count() >= Samples.EVENTS_PER_BURST, Duration.ofSeconds(30))
                .stream().filter(m -> mac.equals(m.key())).toList();
        assertThat(published).extracting(PhoneEventsTopic.Message::ceId).containsExactlyElementsOf(expected);

        ConsumerRecord<String, byte[]> rawRecord = rawRecord(receipt);
        assertThat(rawRecord.key()).isEqualTo(mac);
        assertThat(new String(rawRecord.value(), StandardCharsets.UTF_8)).isEqualTo(body);

        // archived behind the answer: the raw body once, the unknown element once, the phone's address for polling
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("select count(*) from raw_push where id = ?", receipt) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count("select count(*) from raw_push where id = ?", receipt)).isEqualTo(1);
        assertThat(count("select count(*) from unrecognised_event where raw_id = ?", receipt)).isEqualTo(1);
        assertThat(count("select count(*) from outbox where raw_id = ?", receipt)).isZero();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select r.body, k.ip from raw_push r, known_phone k where r.id = ? and k.mac = ?")) {
            ps.setLong(1, receipt);
            ps.setString(2, mac);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(new String(rs.getBytes(1), StandardCharsets.UTF_8)).isEqualTo(body);
                assertThat(rs.getString(2)).isEqualTo("10.20.0.8");
            }
        }
    }

    private ConsumerRecord<String, byte[]> rawRecord(long receipt) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> r : raw.poll(Duration.ofMillis(200))) {
                String id = new String(r.headers().lastHeader(RawPushRecords.RAW_ID).value(), StandardCharsets.UTF_8);
                if (id.equals(Long.toString(receipt))) {
                    return r;
                }
            }
        }
        throw new AssertionError("no raw record for receipt " + receipt);
    }

    private void awaitGateOpen() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (registry.get("telops.ingest.kafka_first.open").gauge().value() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(registry.get("telops.ingest.kafka_first.open").gauge().value()).isEqualTo(1.0);
        // one push first, so that this class also holds when it runs first (the gate opens once the topics are known)
        given().contentType("application/xml").body(Samples.callBurst("00E0F7E0FFFF", 1)).when().post("/polycom/events")
                .then().statusCode(200);
        Thread.sleep(200);
    }

    private double durable(String store) {
        var counter = registry.find("telops.ingest.pushes.durable").tag("store", store).counter();
        return counter == null ? 0 : counter.count();
    }

    private long count(String sql, long id) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
