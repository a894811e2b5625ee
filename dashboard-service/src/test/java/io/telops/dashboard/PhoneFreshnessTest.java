package io.telops.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Whether a phone is offline is judged on when its events were received (the Kafka record's time), not on the
 * phone's own clock, and the reason is shown; proven across the real broker into the PostgreSQL read model.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class PhoneFreshnessTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration THREE_HOURS = Duration.ofHours(3);

    private static JsonPath phone(String mac) {
        return PhoneReadModelTest.phone(mac);
    }

    @Test
    void aPhoneWhoseClockIsBehindStaysOnlineWhileItsEventsArrive() {
        String mac = Phones.randomMac();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            // a poll's registration, stamped by a phone clock three hours behind, received now
            producer.publishReceivedAt(Phones.lineRegistered(mac, Phones.now().minus(THREE_HOURS), 1, "1001@pbx"),
                    Phones.now());
        }
        Eventually.within(WAIT, () -> assertThat(phone(mac).getLong("eventCount")).isEqualTo(1));
        JsonPath phone = phone(mac);
        assertThat(phone.getString("status")).isEqualTo("registered");
        assertThat(phone.getString("statusReason")).isNull();
        assertThat(Instant.parse(phone.getString("lastHeardAt"))).isAfter(Phones.now().minusSeconds(60));
    }

    @Test
    void aPhoneNotHeardForLongerThanTheWindowIsOfflineAndSaysWhy() {
        String mac = Phones.randomMac();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            // the phone's clock runs ahead: its timestamp says "now", but ingest received the event three hours ago
            producer.publishReceivedAt(Phones.lineRegistered(mac, Phones.now(), 1, "1001@pbx"),
                    Phones.now().minus(THREE_HOURS));
        }
        Eventually.within(WAIT, () -> assertThat(phone(mac).getLong("eventCount")).isEqualTo(1));
        JsonPath phone = phone(mac);
        assertThat(phone.getString("status")).isEqualTo("offline");
        assertThat(phone.getString("statusReason")).isEqualTo("no event for 3 h");
        TestUsers.operator().get("/api/phones?status=offline&mac=" + mac).then().body("total", equalTo(1));
        String session = TestUsers.login("viewer", "secret");
        given().cookie("telops-dashboard", session).queryParam("q", mac).get("/phones").then().statusCode(200)
                .body(containsString("no event for 3 h"));
    }

    @Test
    void aRegistrationReceivedNowBringsAnOfflinePhoneBack() {
        String mac = Phones.randomMac();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.publishReceivedAt(Phones.lineRegistered(mac, Phones.now().minus(THREE_HOURS), 1, "1001@pbx"),
                    Phones.now().minus(THREE_HOURS));
        }
        Eventually.within(WAIT, () -> assertThat(phone(mac).getString("status")).isEqualTo("offline"));
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            // the heartbeat: a registration (pushed or polled), again stamped by the slow phone clock
            producer.publishReceivedAt(Phones.lineRegistered(mac, Phones.now().minus(THREE_HOURS).plusSeconds(60), 1,
                    "1001@pbx"), Phones.now());
        }
        Eventually.within(WAIT, () -> assertThat(phone(mac).getString("status")).isEqualTo("registered"));
    }
}
