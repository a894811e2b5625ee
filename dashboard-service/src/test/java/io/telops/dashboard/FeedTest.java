package io.telops.dashboard;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.Topics;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** Other domains' events are kept by envelope only: any ce_type, any key, the JSON body as published. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class FeedTest {

    @Test
    void eventsOfAnyTypeAreListedPerEntityOnceEach() {
        String account = "acct-" + UUID.randomUUID();
        String other = "acct-" + UUID.randomUUID();
        String duplicated = UUID.randomUUID().toString();
        Instant t = Instant.parse("2026-11-25T08:00:00Z");
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.send(Topics.BILLING_EVENTS, account, CloudEventProducer.headers(duplicated,
                    "io.telops.billing.balance-debited.v1", t), json("{\"accountId\":\"%s\",\"amount\":\"1.20\"}", account));
            producer.send(Topics.BILLING_EVENTS, account, CloudEventProducer.headers(duplicated,
                    "io.telops.billing.balance-debited.v1", t), json("{\"accountId\":\"%s\",\"amount\":\"1.20\"}", account));
            producer.send(Topics.BILLING_EVENTS, account, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    "io.telops.billing.something-new.v7", t.plusSeconds(5)), json("{\"accountId\":\"%s\",\"x\":[1,2]}", account));
            producer.send(Topics.BILLING_EVENTS, other, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    "io.telops.billing.balance-credited.v1", t.plusSeconds(1)), json("{\"accountId\":\"%s\"}", other));
            producer.send(Topics.BILLING_EVENTS, account, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    "io.telops.billing.balance-debited.v1", t.plusSeconds(6)), "not json".getBytes(StandardCharsets.UTF_8));
        }
        Eventually.within(Duration.ofSeconds(20), () -> TestUsers.operator()
                .get("/api/feed/telops.billing-events/events?key=" + account).then().statusCode(200)
                .body("", hasSize(2)));
        TestUsers.operator().get("/api/feed/telops.billing-events/events?key=" + account).then()
                .body("[0].type", equalTo("io.telops.billing.something-new.v7"))
                .body("[0].body.x[1]", equalTo(2))
                .body("[1].type", equalTo("io.telops.billing.balance-debited.v1"))
                .body("[1].body.amount", equalTo("1.20"))
                .body("[1].occurredAt", equalTo("2026-11-25T08:00:00Z"));
        // the other account's key may sit on another partition, read by another of the feed's consumers
        Eventually.within(Duration.ofSeconds(20), () -> TestUsers.operator()
                .get("/api/feed/telops.billing-events/entities?limit=500").then().statusCode(200)
                .body("key", hasItem(account)).body("key", hasItem(other)));
        TestUsers.operator().get("/api/feed").then().statusCode(200)
                .body("topic", hasItem(Topics.CALL_EVENTS))
                .body("find { it.topic == 'telops.billing-events' }.events", greaterThanOrEqualTo(3));
        TestUsers.operator().get("/api/feed/telops.phone-events/events").then().statusCode(404);
        TestUsers.operator().get("/api/feed/telops.billing-events/events?limit=0").then().statusCode(400);

        String session = TestUsers.login("viewer", "secret");
        io.restassured.RestAssured.given().cookie("telops-dashboard", session)
                .queryParam("topic", Topics.BILLING_EVENTS).queryParam("key", account)
                .get("/feed").then().statusCode(200)
                .body(containsString("io.telops.billing.something-new.v7"))
                .body(containsString(account));
    }

    private static byte[] json(String template, String value) {
        return template.formatted(value).getBytes(StandardCharsets.UTF_8);
    }
}
