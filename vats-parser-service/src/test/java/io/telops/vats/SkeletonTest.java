package io.telops.vats;

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
import io.telops.vats.simulator.VatsSimulatorTestResource;

/** The service boots on real infrastructure and serves its operational endpoints. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "vats"))
@WithTestResource(VatsSimulatorTestResource.class)
class SkeletonTest {
    @Test
    void readinessChecksKafkaAndTheStore() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void servesOpenApiAndMetrics() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/about"));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    @Test
    void theTlsCheckSaysThePlainHttpSimulatorHasNoHandshake() {
        given().when().get("/api/cabinet/tls").then().statusCode(401);
        given().auth().preemptive().basic("viewer", "secret").when().post("/api/cabinet/tls/check").then().statusCode(403);
        given().auth().preemptive().basic("admin", "secret").when().post("/api/cabinet/tls/check").then().statusCode(200)
                .body("state", equalTo("not_applicable")).body("up", equalTo(true));
        given().auth().preemptive().basic("viewer", "secret").when().get("/api/cabinet/tls").then().statusCode(200)
                .body("state", equalTo("not_applicable"));
        given().when().get("/q/health/group/cabinet").then()
                .body("checks.find { it.name == 'MTS VATS TLS handshake' }.data.state", equalTo("not_applicable"));
    }

    @Test
    void adminApiNeedsCredentials() {
        given().when().get("/api/about").then().statusCode(401);
        given().auth().preemptive().basic("admin", "wrong").when().get("/api/about").then().statusCode(401);
        given().auth().preemptive().basic("nobody", "secret").when().get("/api/about").then().statusCode(401);
        given().auth().preemptive().basic("admin", "secret").when().get("/api/about").then().statusCode(200)
                .body("service", equalTo("vats-parser-service"));
    }
}
