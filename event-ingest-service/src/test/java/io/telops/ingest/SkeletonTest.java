package io.telops.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** The service boots on real infrastructure and serves its operational endpoints. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class SkeletonTest {
    @Test
    void readinessChecksKafkaAndTheStore() {
        // ready means "can take pushes": PostgreSQL (the outbox) is enough; the broker is reported, not required
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")))
                .body("checks.name", org.hamcrest.Matchers.not(hasItem(containsString("Kafka"))));
        given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.name", hasItem("Kafka-first acceptance"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesOpenApiAndMetrics() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/about"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    @Test
    void adminApiNeedsCredentials() {
        given().when().get("/api/about").then().statusCode(401);
        given().auth().preemptive().basic("admin", "wrong").when().get("/api/about").then().statusCode(401);
        given().auth().preemptive().basic("nobody", "secret").when().get("/api/about").then().statusCode(401);
        given().auth().preemptive().basic("admin", "secret").when().get("/api/about").then().statusCode(200)
                .body("service", equalTo("event-ingest-service"));
    }
}
