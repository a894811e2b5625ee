package io.telops.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.testkit.ServiceSkeletonTest;

/** The service boots on real infrastructure and serves its operational endpoints ({@link ServiceSkeletonTest}). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class SkeletonTest extends ServiceSkeletonTest {
    SkeletonTest() {
        super("event-ingest-service", "telops.phone-events");
    }

    @Override
    protected void readinessChecks(ValidatableResponse ready) {
        // ready means "can take pushes": PostgreSQL (the outbox) is enough; the broker is reported, not required
        ready.body("checks.name", allOf(hasItem(containsString("Database")), not(hasItem(containsString("Kafka")))));
        given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.name", hasItem("Kafka-first acceptance"));
    }
}
