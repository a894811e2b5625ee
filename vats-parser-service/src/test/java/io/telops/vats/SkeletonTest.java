package io.telops.vats;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.testkit.ServiceSkeletonTest;
import io.telops.vats.simulator.VatsSimulatorTestResource;

/** The service boots on real infrastructure and serves its operational endpoints ({@link ServiceSkeletonTest}). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "vats"))
@WithTestResource(VatsSimulatorTestResource.class)
class SkeletonTest extends ServiceSkeletonTest {
    SkeletonTest() {
        super("vats-parser-service", "telops.vats-trunks");
    }

    @Override
    protected void readinessChecks(ValidatableResponse ready) {
        ready.body("checks.name", allOf(hasItem(containsString("Kafka")), hasItem(containsString("Database"))));
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
}
