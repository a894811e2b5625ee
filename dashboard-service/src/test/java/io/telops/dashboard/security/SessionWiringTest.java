package io.telops.dashboard.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** The dashboard's wiring of platform/security: form login opens a server-side session that logout really ends. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class SessionWiringTest {
    private static final String COOKIE = "telops-dashboard";

    @Test
    void aLoggedOutCookieIsRefusedEvenWhenReplayed() {
        Response in = given().redirects().follow(false)
                .formParam("j_username", "viewer").formParam("j_password", "secret").post("/j_security_check");
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(in.header("Set-Cookie")).contains("HttpOnly").contains("SameSite=Strict");
        String session = in.cookie(COOKIE);
        given().redirects().follow(false).cookie(COOKIE, session).get("/").then().statusCode(200);

        given().redirects().follow(false).cookie(COOKIE, session).post("/logout").then().statusCode(303)
                .header("Set-Cookie", containsString("Max-Age=0"));
        // a copy of the cookie taken before the logout is worth nothing after it
        given().redirects().follow(false).cookie(COOKIE, session).get("/").then().statusCode(302)
                .header("Location", containsString("/login"));
    }

    @Test
    void theJsonApiAnswersProblemsWithAChallenge() {
        given().auth().preemptive().basic("viewer", "wrong").get("/api/phones").then().statusCode(401)
                .header("WWW-Authenticate", containsStringIgnoringCase("basic")).contentType("application/problem+json");
        // an anonymous request denied by a path permission gets Quarkus' bare challenge: what clients act on
        given().get("/api/phones").then().statusCode(401).header("WWW-Authenticate", containsStringIgnoringCase("basic"));
    }
}
