package io.telops.testkit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.restassured.response.ValidatableResponse;

/**
 * What every service's skeleton test proves, written once: it is live and ready, serves OpenAPI (listing
 * {@code /api/about}) and Prometheus metrics, and {@code GET /api/about} answers admins and operators only. A
 * service's {@code SkeletonTest} adds its {@code @QuarkusTest} infrastructure, its name and topics, and its
 * readiness checks. The users are the ones every service's test profile configures: {@code admin} (admin, operator)
 * and {@code viewer} (operator), both with the password {@value #PASSWORD}.
 */
public abstract class ServiceSkeletonTest {
    protected static final String PASSWORD = "secret";
    private static final String ABOUT = "/api/about";

    private final String service;
    private final List<String> publishes;

    protected ServiceSkeletonTest(String service, String... publishes) {
        this.service = service;
        this.publishes = List.of(publishes);
    }

    /** The service's own readiness expectations (which checks it reports), on its 200 {@code UP} ready answer. */
    protected abstract void readinessChecks(ValidatableResponse ready);

    @Test
    public void isLiveAndReadyWithItsOwnChecks() {
        readinessChecks(given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    public void servesOpenApiAndMetrics() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString(ABOUT));
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }

    @Test
    public void adminApiNeedsCredentials() {
        given().when().get(ABOUT).then().statusCode(401);
        given().auth().preemptive().basic("admin", "wrong").when().get(ABOUT).then().statusCode(401);
        given().auth().preemptive().basic("nobody", PASSWORD).when().get(ABOUT).then().statusCode(401);
    }

    @Test
    public void aboutNamesTheServiceItsJobAndTopicsToAdminsAndOperators() {
        for (String user : List.of("admin", "viewer")) {
            given().auth().preemptive().basic(user, PASSWORD).when().get(ABOUT).then().statusCode(200)
                    .body("service", equalTo(service))
                    .body("job", not(emptyOrNullString()))
                    .body("publishes", equalTo(publishes));
        }
    }
}
