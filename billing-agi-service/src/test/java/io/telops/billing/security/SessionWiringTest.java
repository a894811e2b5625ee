package io.telops.billing.security;

import static io.restassured.RestAssured.given;
import static io.telops.billing.BillingFixtures.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.telops.billing.BillingFixtures;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** Billing's wiring of platform/security: sessions of accounts end on logout, block and delete; 401 is a problem. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class SessionWiringTest {
    private static final String COOKIE = "telops_billing_session";

    @Test
    void aLoggedOutCookieIsRefused() {
        String cookie = login("admin", "secret");
        given().cookie(COOKIE, cookie).get("/api/about").then().statusCode(200);
        given().cookie(COOKIE, cookie).post("/logout").then().statusCode(204)
                .header("Set-Cookie", containsString("Max-Age=0"));
        given().cookie(COOKIE, cookie).get("/api/about").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void aBlockedAdminAccountLosesItsSessionAndADeletedOneToo() {
        String name = "boss" + BillingFixtures.unique();
        createAdminAccount(name);
        String cookie = login(name, "pass-" + name);
        given().cookie(COOKIE, cookie).get("/api/users").then().statusCode(200);

        admin().body(Map.of("status", "BLOCKED")).patch("/api/users/" + name).then().statusCode(200);
        given().cookie(COOKIE, cookie).get("/api/users").then().statusCode(401);
        given().contentType(ContentType.URLENC).formParam("username", name).formParam("password", "pass-" + name)
                .post("/login").then().statusCode(401);

        admin().body(Map.of("status", "ACTIVE")).patch("/api/users/" + name).then().statusCode(200);
        // unblocking does not revive old sessions
        given().cookie(COOKIE, cookie).get("/api/users").then().statusCode(401);
        String again = login(name, "pass-" + name);
        admin().delete("/api/users/" + name).then().statusCode(204);
        given().cookie(COOKIE, again).get("/api/users").then().statusCode(401);
    }

    @Test
    void aBlockMadeBehindTheServiceBackTakesEffectWithinTheRecheckWindow() throws InterruptedException {
        String name = "ops" + BillingFixtures.unique();
        createAdminAccount(name);
        String cookie = login(name, "pass-" + name);
        given().cookie(COOKIE, cookie).get("/api/users").then().statusCode(200);
        // another replica blocks the account: this one hears nothing and must notice by its re-check alone
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                io.telops.billing.ledger.Account.update("status = ?1 where username = ?2",
                        io.telops.billing.ledger.AccountStatus.BLOCKED, name));
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        int status = 200;
        while (status == 200 && System.nanoTime() < deadline) {
            status = given().cookie(COOKIE, cookie).get("/api/users").statusCode();
            Thread.sleep(200);
        }
        assertThat(status).as("refused within the 5 s re-check window").isEqualTo(401);
    }

    @Test
    void theCookieIsHttpOnlyAndStrict() {
        given().contentType(ContentType.URLENC).formParam("username", "admin").formParam("password", "secret")
                .post("/login").then().statusCode(200)
                .header("Set-Cookie", containsString("HttpOnly")).header("Set-Cookie", containsString("SameSite=Strict"));
    }

    @Test
    void wrongBasicCredentialsGetAProblemAndAChallenge() {
        given().auth().preemptive().basic("admin", "wrong").get("/api/users").then().statusCode(401)
                .header("WWW-Authenticate", containsStringIgnoringCase("basic")).contentType("application/problem+json");
        given().auth().preemptive().basic("viewer", "secret").contentType(ContentType.JSON)
                .body(Map.of("prefix", "4958", "ratePerMinuteMinor", 1)).post("/api/tariffs").then().statusCode(403)
                .contentType("application/problem+json");
    }

    private static void createAdminAccount(String name) {
        admin().body(Map.of("username", name, "password", "pass-" + name, "clid", "7" + Math.abs(name.hashCode()),
                "admin", true)).post("/api/users").then().statusCode(201);
    }

    private static String login(String user, String password) {
        return given().contentType(ContentType.URLENC).formParam("username", user).formParam("password", password)
                .post("/login").then().statusCode(200).extract().cookie(COOKIE);
    }
}
