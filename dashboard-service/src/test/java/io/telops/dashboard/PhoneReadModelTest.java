package io.telops.dashboard;

import static io.restassured.RestAssured.given;
import static io.telops.dashboard.TestUsers.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.Topics;
import io.telops.contracts.phone.LineUnregistered;
import io.telops.contracts.phone.OffHook;
import io.telops.contracts.phone.Party;
import io.telops.contracts.phone.PhoneEventTypes;
import io.telops.contracts.phone.UserLoggedIn;
import io.telops.dashboard.events.ConsumerMetrics;
import io.telops.dashboard.events.EventOutcome;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** Phone events cross a real broker into the PostgreSQL read model and come out of the JSON API. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class PhoneReadModelTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Party ALICE = new Party("Alice Example", "1001");
    private static final Party BOB = new Party("Bob Builder", "+4930123456");

    @Inject
    ConsumerMetrics metrics;

    static JsonPath phone(String mac) {
        return operator().get("/api/phones/" + mac).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aCallIsTrackedFromRegistrationToHangUpWithItsDuration() {
        String mac = Phones.randomMac();
        Instant t0 = Phones.now().minusSeconds(120);
        CloudEventProducer.publishToTestBroker(Phones.lineRegistered(mac, t0, 1, "1001@pbx.example.com"),
                new UserLoggedIn(mac, "10.1.2.3", t0.plusSeconds(1), "+01:00", "alice"),
                Phones.offHook(mac, t0.plusSeconds(2)),
                Phones.incoming(mac, t0.plusSeconds(3), BOB, ALICE),
                Phones.callState(mac, t0.plusSeconds(4), "0x1a2b", "Offering", BOB, ALICE),
                Phones.callState(mac, t0.plusSeconds(10), "0x1a2b", "Connected", BOB, ALICE));
        Eventually.within(WAIT, () -> assertThat(phone(mac).getString("status")).isEqualTo("in-call"));
        JsonPath during = phone(mac);
        assertThat(during.getList("lines", String.class)).containsExactly("1: 1001@pbx.example.com");
        assertThat(during.getList("users", String.class)).containsExactly("alice");
        assertThat(during.getString("ip")).isEqualTo("10.1.2.3");

        CloudEventProducer.publishToTestBroker(Phones.callState(mac, t0.plusSeconds(52), "0x1a2b", "Disconnected", BOB, ALICE),
                Phones.onHook(mac, t0.plusSeconds(53)));
        Eventually.within(WAIT, () -> assertThat(phone(mac).getString("status")).isEqualTo("registered"));
        JsonPath after = phone(mac);
        assertThat(after.getLong("eventCount")).isEqualTo(8);
        List<String> recent = after.getList("recentLogs.summary", String.class);
        assertThat(recent).hasSize(5);
        assertThat(recent.get(0)).isEqualTo("On hook");
        assertThat(recent.get(1)).startsWith("Call 0x1a2b Disconnected on line 1");
        assertThat(after.getString("recentLogs[0].phoneLocalTime")).endsWith("+01:00");

        operator().get("/api/phones/" + mac + "/calls").then().statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].callReference", equalTo("0x1a2b"))
                .body("items[0].durationSeconds", equalTo(42))
                .body("items[0].callingName", equalTo("Bob Builder"))
                .body("items[0].lastState", equalTo("Disconnected"));
        operator().get("/api/phones/" + mac + "/events?size=3&page=2").then().statusCode(200)
                .body("total", equalTo(8))
                .body("items", hasSize(2))
                .body("items[1].summary", equalTo("Line 1: 1001@pbx.example.com registered"));
    }

    @Test
    void oneBurstEndsACallReusesItsReferenceAndKeepsQuotedLinesAndUsers() {
        String mac = Phones.randomMac();
        Instant t0 = Phones.now().minusSeconds(60);
        String oddLine = "4\"01\\x@pbx, {a}";
        String oddUser = "o\"brien\\ {x}";
        // one burst: most likely one batch, so the call is inserted already ended and the second one is new
        CloudEventProducer.publishToTestBroker(Phones.lineRegistered(mac, t0, 1, oddLine),
                new UserLoggedIn(mac, "10.9.8.7", t0.plusSeconds(1), "Z", oddUser),
                Phones.callState(mac, t0.plusSeconds(2), "0x7", "Offering", BOB, ALICE),
                Phones.callState(mac, t0.plusSeconds(3), "0x7", "Connected", BOB, ALICE),
                Phones.callState(mac, t0.plusSeconds(10), "0x7", "Disconnected", BOB, ALICE),
                Phones.callState(mac, t0.plusSeconds(20), "0x7", "Offering", ALICE, BOB),
                Phones.callState(mac, t0.plusSeconds(21), "0x7", "Connected", ALICE, BOB));
        Eventually.within(WAIT, () -> assertThat(phone(mac).getLong("eventCount")).isEqualTo(7));
        JsonPath phone = phone(mac);
        assertThat(phone.getString("status")).isEqualTo("in-call");
        assertThat(phone.getList("lines", String.class)).containsExactly("1: " + oddLine);
        assertThat(phone.getList("users", String.class)).containsExactly(oddUser);
        operator().get("/api/phones/" + mac + "/calls").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].lastState", equalTo("Connected"))
                .body("items[0].callingName", equalTo("Alice Example"))
                .body("items[1].durationSeconds", equalTo(7))
                .body("items[1].lastState", equalTo("Disconnected"));

        // the open call ends in a later batch: an update of the stored row
        CloudEventProducer.publishToTestBroker(Phones.callState(mac, t0.plusSeconds(51), "0x7", "Disconnected", ALICE, BOB));
        Eventually.within(WAIT, () -> assertThat(phone(mac).getString("status")).isEqualTo("registered"));
        operator().get("/api/phones/" + mac + "/calls").then().statusCode(200)
                .body("total", equalTo(2))
                .body("items[0].durationSeconds", equalTo(30))
                .body("items[0].lastState", equalTo("Disconnected"));
        // a user is found by free text, not as a party
        operator().queryParam("q", "O\"BRIEN\\").get("/api/phones").then().statusCode(200).body("items.mac", hasItem(mac));
        operator().queryParam("party", "o\"brien").get("/api/phones").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        String mac = Phones.randomMac();
        String id = UUID.randomUUID().toString();
        OffHook offHook = Phones.offHook(mac, Phones.now());
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.publish(id, offHook);
            producer.publish(id, offHook);
            producer.publish(Phones.onHook(mac, Phones.now().plusMillis(5)));
            producer.publish(id, offHook);
        }
        Eventually.within(WAIT, () -> assertThat(phone(mac).getLong("eventCount")).isEqualTo(2));
        // the third copy came after on-hook: had it been applied, the phone would be off hook again
        assertThat(phone(mac).getString("status")).isEqualTo("unknown");
        operator().get("/api/phones/" + mac + "/events").then().body("total", equalTo(2));
    }

    @Test
    void unknownTypesMalformedBodiesAndUnknownFieldsAreSkippedWithoutBlockingThePartition() {
        String mac = Phones.randomMac();
        double unknownBefore = metrics.count(Topics.PHONE_EVENTS, EventOutcome.UNKNOWN_TYPE);
        double malformedBefore = metrics.count(Topics.PHONE_EVENTS, EventOutcome.MALFORMED);
        Instant now = Phones.now();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.send(Topics.PHONE_EVENTS, mac, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    "io.telops.phone.battery-low.v1", now), "{\"mac\":\"%s\"}".formatted(mac).getBytes(StandardCharsets.UTF_8));
            producer.send(Topics.PHONE_EVENTS, mac, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    PhoneEventTypes.OFF_HOOK.type(), now), "{not json".getBytes(StandardCharsets.UTF_8));
            Map<String, String> noId = CloudEventProducer.headers("x", PhoneEventTypes.OFF_HOOK.type(), now);
            noId.remove(CloudEventHeaders.ID);
            producer.send(Topics.PHONE_EVENTS, mac, noId, CloudEventProducer.json(Phones.offHook(mac, now)));
            producer.send(Topics.PHONE_EVENTS, mac, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    PhoneEventTypes.OFF_HOOK.type(), now), "{\"mac\":\"nonsense\",\"occurredAt\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8));
            // a newer producer adds fields: the event still applies, and the model it now carries is shown
            String withExtras = """
                    {"mac":"%s","phoneIp":"10.9.8.7","occurredAt":"%s","utcOffset":"+01:00",
                     "lineNumber":2,"lineAddress":"2002@pbx.example.com","model":"VVX 450","firmware":"6.4.3"}"""
                    .formatted(mac, now.plusMillis(1));
            producer.send(Topics.PHONE_EVENTS, mac, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    PhoneEventTypes.LINE_REGISTERED.type(), now), withExtras.getBytes(StandardCharsets.UTF_8));
        }
        Eventually.within(WAIT, () -> assertThat(phone(mac).getString("status")).isEqualTo("registered"));
        JsonPath phone = phone(mac);
        assertThat(phone.getLong("eventCount")).isEqualTo(1);
        assertThat(phone.getString("model")).isEqualTo("VVX 450");
        assertThat(phone.getString("ip")).isEqualTo("10.9.8.7");
        assertThat(metrics.count(Topics.PHONE_EVENTS, EventOutcome.UNKNOWN_TYPE) - unknownBefore).isGreaterThanOrEqualTo(1);
        assertThat(metrics.count(Topics.PHONE_EVENTS, EventOutcome.MALFORMED) - malformedBefore).isGreaterThanOrEqualTo(3);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("dashboard_events_unknown_fields_total{type=\"io.telops.phone.line-registered.v1\"}"));
    }

    @Test
    void phonesAreFoundByMacLinePartyAndStatus() {
        String mac = Phones.randomMac();
        String other = Phones.randomMac();
        String party = "Zoe " + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Phones.now();
        CloudEventProducer.publishToTestBroker(Phones.lineRegistered(mac, now, 1, "77" + mac + "@pbx"),
                Phones.incoming(mac, now.plusMillis(1), new Party(party, "5550199"), ALICE),
                Phones.lineRegistered(other, now, 1, "other@pbx"),
                new LineUnregistered(other, "10.1.2.4", now.plusMillis(1), "Z", Optional.of(1), Optional.empty()));
        Eventually.within(WAIT, () -> operator().get("/api/phones?party=" + party.toLowerCase()).then().body("total", equalTo(1)));
        String colons = mac.replaceAll("(..)(?!$)", "$1:").toLowerCase();
        operator().get("/api/phones?mac=" + colons).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].mac", equalTo(mac));
        operator().get("/api/phones?q=" + party.substring(4)).then().body("items.mac", hasItem(mac));
        operator().get("/api/phones?line=77" + mac).then().body("total", equalTo(1)).body("items[0].recentLogs", hasSize(2));
        Eventually.within(WAIT, () -> operator().get("/api/phones?status=unregistered&mac=" + other)
                .then().body("total", equalTo(1)).body("items[0].lines", hasSize(0)));
        operator().get("/api/phones?status=registered&mac=" + other).then().body("total", equalTo(0));
    }

    @Test
    void theApiNeedsCredentialsAndAnswersProblems() {
        given().get("/api/phones").then().statusCode(401);
        given().auth().preemptive().basic("viewer", "wrong").get("/api/phones").then().statusCode(401);
        operator().get("/api/phones?size=100000").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400)).body("detail", containsString("size"));
        operator().get("/api/phones?status=sleeping").then().statusCode(400).body("detail", containsString("status"));
        operator().get("/api/phones/not-a-mac").then().statusCode(400).body("title", equalTo("Bad request"));
        operator().get("/api/phones/" + Phones.randomMac()).then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404));
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/phones/{mac}/events")).body(containsString("/api/phones/{mac}/calls"));
    }
}
