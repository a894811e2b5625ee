package io.telops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.telops.contracts.Topics;
import io.telops.contracts.phone.Party;
import io.telops.contracts.phone.PhoneEvent;
import io.telops.contracts.phone.PhoneEventTypes;
import io.telops.contracts.phone.UiInitialized;
import io.telops.dashboard.events.CloudEvent;
import io.telops.dashboard.phone.CallExpiry;
import io.telops.dashboard.phone.PhoneDelivery;
import io.telops.dashboard.phone.PhoneEventReader;
import io.telops.dashboard.phone.PhoneProjection;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * A call whose end the phone never reported does not stay open for ever: a restart, a registration or state
 * poll of its line that does not list it, or the maximum call age ends it. Real broker, real PostgreSQL.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class StuckCallTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Party BOB = new Party("Bob Builder", "+4930123456");
    private static final Party ALICE = new Party("Alice Example", "1001");
    private static final String CALL = "0x5f3a";

    @Inject
    PhoneProjection projection;

    @Inject
    CallExpiry expiry;

    /** A phone registered on line 1 with a connected call on it, as of {@code t0 + 10 s}. */
    private static void inCall(CloudEventProducer producer, String mac, Instant t0) {
        producer.publish(Phones.lineRegistered(mac, t0, 1, "1001@pbx"));
        producer.publish(Phones.callState(mac, t0.plusSeconds(5), CALL, "Offering", BOB, ALICE));
        producer.publish(Phones.callState(mac, t0.plusSeconds(10), CALL, "Connected", BOB, ALICE));
    }

    private static JsonPath phoneAfter(String mac, long events) {
        Eventually.within(WAIT, () -> assertThat(PhoneReadModelTest.phone(mac).getLong("eventCount")).isEqualTo(events));
        return PhoneReadModelTest.phone(mac);
    }

    private static JsonPath calls(String mac) {
        return TestUsers.operator().get("/api/phones/" + mac + "/calls").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aRestartedPhoneEndsItsOpenCall() {
        String mac = Phones.randomMac();
        Instant t0 = Phones.now().minusSeconds(300);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            inCall(producer, mac, t0);
            producer.publish(new UiInitialized(mac, "10.1.2.3", t0.plusSeconds(100), "Z"));
        }
        assertThat(phoneAfter(mac, 4).getString("status")).isEqualTo("registered");
        JsonPath calls = calls(mac);
        assertThat(calls.getInt("total")).isEqualTo(1);
        assertThat(calls.getString("items[0].endedAt")).isEqualTo(t0.plusSeconds(100).toString());
        assertThat(calls.getString("items[0].endReason")).isEqualTo("phone-restarted");
        assertThat(calls.getString("items[0].durationSeconds")).isNull();
    }

    @Test
    void aRegistrationOfItsLineAfterItsLastStateEndsTheCall() {
        String mac = Phones.randomMac();
        Instant t0 = Phones.now().minusSeconds(300);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            inCall(producer, mac, t0);
            // a registration of another line says nothing about this call
            producer.publish(Phones.lineRegistered(mac, t0.plusSeconds(50), 2, "1002@pbx"));
        }
        assertThat(phoneAfter(mac, 4).getString("status")).isEqualTo("in-call");
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            // the phone lost power, came back and registered line 1 again (or an idle poll listed the line alone)
            producer.publish(Phones.lineRegistered(mac, t0.plusSeconds(100), 1, "1001@pbx"));
        }
        assertThat(phoneAfter(mac, 5).getString("status")).isEqualTo("registered");
        JsonPath calls = calls(mac);
        assertThat(calls.getString("items[0].endReason")).isEqualTo("not-reported");
        assertThat(calls.getString("items[0].endedAt")).isEqualTo(t0.plusSeconds(100).toString());
    }

    @Test
    void aPollThatListsTheCallKeepsItOpen() {
        String mac = Phones.randomMac();
        Instant t0 = Phones.now().minusSeconds(300);
        Instant polled = t0.plusSeconds(100);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            inCall(producer, mac, t0);
            // what the state poller publishes: the registered lines, then each active call, all at the poll's time
            producer.publish(Phones.lineRegistered(mac, polled, 1, "1001@pbx"));
            producer.publish(Phones.callState(mac, polled, CALL, "Connected", BOB, ALICE));
        }
        assertThat(phoneAfter(mac, 5).getString("status")).isEqualTo("in-call");
        JsonPath calls = calls(mac);
        assertThat(calls.getInt("total")).isEqualTo(1);
        assertThat(calls.getString("items[0].endedAt")).isNull();
        assertThat(calls.getString("items[0].endReason")).isNull();
    }

    @Test
    void aPollSplitAcrossTwoBatchesStillKeepsTheCallWhole() {
        String mac = Phones.randomMac();
        Instant t0 = Phones.now().minusSeconds(300);
        Instant polled = t0.plusSeconds(100);
        projection.apply(List.of(delivery(Phones.lineRegistered(mac, t0, 1, "1001@pbx")),
                delivery(Phones.callState(mac, t0.plusSeconds(10), CALL, "Connected", BOB, ALICE))), List.of());
        projection.apply(List.of(delivery(Phones.lineRegistered(mac, polled, 1, "1001@pbx"))), List.of());
        projection.apply(List.of(delivery(Phones.callState(mac, polled, CALL, "Connected", BOB, ALICE))), List.of());

        assertThat(PhoneReadModelTest.phone(mac).getString("status")).isEqualTo("in-call");
        JsonPath calls = calls(mac);
        assertThat(calls.getInt("total")).isEqualTo(1);
        assertThat(calls.getString("items[0].endedAt")).isNull();
        assertThat(calls.getString("items[0].connectedAt")).isEqualTo(t0.plusSeconds(10).toString());

        // the phone's own end still counts, with the talk time from the first Connected
        projection.apply(List.of(delivery(Phones.callState(mac, polled.plusSeconds(20), CALL, "Disconnected", BOB, ALICE))),
                List.of());
        assertThat(calls(mac).getInt("items[0].durationSeconds")).isEqualTo(110);
    }

    @Test
    void aCallWithoutNewsForTheMaximumAgeIsEnded() {
        String mac = Phones.randomMac();
        Instant t0 = Phones.now().minusSeconds(300);
        Instant longAgo = Phones.now().minus(Duration.ofHours(5));
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.publishReceivedAt(Phones.lineRegistered(mac, t0, 1, "1001@pbx"), longAgo);
            producer.publishReceivedAt(Phones.callState(mac, t0.plusSeconds(10), CALL, "Connected", BOB, ALICE), longAgo);
            // the phone is alive (received now), on its other line
            producer.publish(Phones.lineRegistered(mac, t0.plusSeconds(20), 2, "1002@pbx"));
        }
        assertThat(phoneAfter(mac, 3).getString("status")).isEqualTo("in-call");

        expiry.expire();

        assertThat(PhoneReadModelTest.phone(mac).getString("status")).isEqualTo("registered");
        JsonPath calls = calls(mac);
        assertThat(calls.getString("items[0].endReason")).isEqualTo("expired");
        assertThat(calls.getString("items[0].endedAt")).isEqualTo(t0.plusSeconds(10).toString());
    }

    private static PhoneDelivery delivery(PhoneEvent event) {
        String body = new String(CloudEventProducer.json(event), StandardCharsets.UTF_8);
        return PhoneEventReader.read(new CloudEvent(UUID.randomUUID().toString(), PhoneEventTypes.of(event).type(),
                Optional.of("/test"), Optional.of(event.occurredAt()), event.mac(),
                body.getBytes(StandardCharsets.UTF_8), Topics.PHONE_EVENTS, 0, 0L, Instant.now()));
    }
}
