package io.telops.ingest.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.Topics;
import io.telops.ingest.PhoneEventsTopic;
import io.telops.ingest.DurablePushes;
import io.telops.ingest.Samples;
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
    static PhoneEventsTopic raw;

    @Inject
    MeterRegistry registry;

    @Inject
    DataSource dataSource;

    @BeforeAll
    static void openTopics() {
        String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
        events = new PhoneEventsTopic(bootstrap);
        raw = new PhoneEventsTopic(bootstrap, Topics.INGEST_RAW_PUSHES);
    }

    @AfterAll
    static void closeTopics() {
        events.close();
        raw.close();
    }

    @Test
    void aPushIsAcknowledgedOnTheBrokersAcksAndArchivedOnceBehindTheAnswer() throws Exception {
        String mac = "00E0F7E00001";
        String body = Samples.callBurst(mac, 7).replace("</PolycomIPPhone>",
                "<FutureGadgetEvent><MACAddress>" + mac + "</MACAddress></FutureGadgetEvent></PolycomIPPhone>");
        awaitGateOpen();
        double viaKafka = DurablePushes.count(registry, "kafka");
        double viaOutbox = DurablePushes.count(registry, "outbox");

        long receipt = given().contentType("application/xml").body(body).when().post("/polycom/events").then()
                .statusCode(200).extract().jsonPath().getLong("receipt");

        assertThat(DurablePushes.count(registry, "kafka") - viaKafka).isEqualTo(1.0);
        assertThat(DurablePushes.count(registry, "outbox") - viaOutbox).isZero();
        List<String> expected = Samples.ceIds(body);
        List<PhoneEventsTopic.Message> published = events.readUntil(
                read -> read.stream().filter(m -> mac.equals(m.key())).count() >= Samples.EVENTS_PER_BURST, Duration.ofSeconds(30))
                .stream().filter(m -> mac.equals(m.key())).toList();
        assertThat(published).extracting(PhoneEventsTopic.Message::ceId).containsExactlyElementsOf(expected);

        String rawId = Long.toString(receipt);
        List<PhoneEventsTopic.Message> rawRecords = raw.readUntil(
                read -> read.stream().anyMatch(m -> rawId.equals(m.headers().get(RawPushRecords.RAW_ID))), Duration.ofSeconds(30))
                .stream().filter(m -> rawId.equals(m.headers().get(RawPushRecords.RAW_ID))).toList();
        assertThat(rawRecords).hasSize(1);
        assertThat(rawRecords.get(0).key()).isEqualTo(mac);
        assertThat(rawRecords.get(0).value()).isEqualTo(body);

        // archived behind the answer: the raw body once, the unknown element once, the phone's address for polling
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count("select count(*) from raw_push where id = ?", receipt) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count("select count(*) from raw_push where id = ?", receipt)).isEqualTo(1);
        assertThat(count("select count(*) from unrecognised_event where raw_id = ?", receipt)).isEqualTo(1);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from telops_outbox where id = any(?::uuid[])")) {
            ps.setArray(1, c.createArrayOf("text", expected.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("nothing of it in the outbox").isZero();
            }
        }
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
