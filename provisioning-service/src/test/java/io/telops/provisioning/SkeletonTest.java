package io.telops.provisioning;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

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
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class SkeletonTest extends ServiceSkeletonTest {
    SkeletonTest() {
        super("provisioning-service", "telops.provisioning-events");
    }

    @Override
    protected void readinessChecks(ValidatableResponse ready) {
        ready.body("checks.name", allOf(hasItem(containsString("Kafka")), hasItem(containsString("Database"))));
    }
}
