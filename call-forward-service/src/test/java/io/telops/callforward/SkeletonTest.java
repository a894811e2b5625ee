package io.telops.callforward;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.telops.callforward.fake.PlivoFakeResource;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.MongoTestResource;
import io.telops.testkit.ServiceSkeletonTest;

/** The service boots on real infrastructure and serves its operational endpoints ({@link ServiceSkeletonTest}). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(PlivoFakeResource.class)
class SkeletonTest extends ServiceSkeletonTest {
    SkeletonTest() {
        super("call-forward-service", "telops.call-events");
    }

    @Override
    protected void readinessChecks(ValidatableResponse ready) {
        ready.body("checks.name", allOf(hasItem(containsString("Kafka")), hasItem(containsString("MongoDB"))));
    }
}
