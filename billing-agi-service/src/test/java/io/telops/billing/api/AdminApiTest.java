package io.telops.billing.api;

import static io.restassured.RestAssured.given;
import static io.telops.billing.BillingFixtures.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.parsing.Parser;
import io.restassured.specification.RequestSpecification;
import io.telops.billing.BillingFixtures;
import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.CallBilling;
import io.telops.billing.ledger.CallRequest;
import io.telops.events.Problem;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class AdminApiTest {
    @Inject
    BillingFixtures fixtures;
    @Inject
    CallBilling billing;

    @BeforeAll
    static void problemJsonIsJson() {
        RestAssured.registerParser(Problem.MEDIA_TYPE, Parser.JSON);
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification viewer() {
        return given().auth().preemptive().basic("viewer", "secret").contentType(ContentType.JSON);
    }

    @Test
    void accountsCrudByUsernameWithHashedPasswords() {
        String n = BillingFixtures.unique();
        String user = "alice" + n;
        int id = admin().body(Map.of("username", user, "password", "adm123!", "clid", "55" + n, "imsi", "00101" + n, "admin", false))
                .post("/api/users").then().statusCode(201)
                .header("Location", containsString("/api/users/" + user))
                .body("username", equalTo(user)).body("balanceMinor", equalTo(0)).body("status", equalTo("ACTIVE"))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("password")))
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("passwordHash")))
                .extract().path("id");
        String hash = QuarkusTransaction.requiringNew().call(() -> Account.<Account>findById((long) id).passwordHash);
        assertThat(hash).startsWith("$2a$").doesNotContain("adm123!");

        admin().body(Map.of("username", user, "password", "whatever", "clid", "56" + n)).post("/api/users").then()
                .statusCode(409).contentType(Problem.MEDIA_TYPE).body("status", equalTo(409))
                .body("detail", containsString("taken"));
        admin().body(Map.of("username", "bad name!", "password", "whatever", "clid", "57" + n)).post("/api/users").then()
                .statusCode(400).body("title", equalTo("Bad Request")).body("detail", containsString("username"));
        admin().body("{\"username\": ").post("/api/users").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        viewer().body(Map.of("username", "x" + n, "password", "whatever", "clid", "58" + n)).post("/api/users").then().statusCode(403);
        given().contentType(ContentType.JSON).body("{}").post("/api/users").then().statusCode(401);

        viewer().get("/api/users/" + user).then().statusCode(200).body("clid", equalTo("55" + n)).body("imsi", equalTo("00101" + n));
        viewer().queryParam("clid", "55" + n).get("/api/users").then().statusCode(200).body("username", hasItem(user));

        String renamed = "alicia" + n;
        admin().body(Map.of("username", renamed, "password", "newpass1")).patch("/api/users/" + user).then().statusCode(200)
                .body("username", equalTo(renamed));
        admin().get("/api/users/" + user).then().statusCode(404).body("detail", containsString(user));
        // the account's own (new) password logs in, as in the seed
        given().auth().preemptive().basic(renamed, "newpass1").get("/api/me").then().statusCode(200).body("username", equalTo(renamed));
        given().auth().preemptive().basic(renamed, "adm123!").get("/api/me").then().statusCode(401);
        given().auth().preemptive().basic(renamed, "newpass1").get("/api/users").then().statusCode(403);
        admin().body(Map.of("status", "FROZEN")).patch("/api/users/" + renamed).then().statusCode(400);

        admin().delete("/api/users/" + renamed).then().statusCode(204);
        admin().get("/api/users/" + renamed).then().statusCode(404);
        admin().delete("/api/users/" + renamed).then().statusCode(404);
        // its CLID is free again
        admin().body(Map.of("username", user, "password", "again123", "clid", "55" + n)).post("/api/users").then().statusCode(201);
    }

    @Test
    void balanceTopUpAndDeductionWithTheSeedsPayload() {
        Account a = fixtures.account(0);
        admin().body(Map.of("signal", "+", "type_", "increase", "value", "1000", "userId", a.id)).post("/api/balance").then()
                .statusCode(200).body("balanceMinor", equalTo(1000)).body("kind", equalTo("TOPUP"));
        admin().body(Map.of("signal", "-", "type_", "decrease", "value", 300, "username", a.username)).post("/api/balance").then()
                .statusCode(200).body("balanceMinor", equalTo(700)).body("amountMinor", equalTo(-300));
        admin().body(Map.of("signal", "-", "value", 701, "userId", a.id)).post("/api/balance").then()
                .statusCode(409).contentType(Problem.MEDIA_TYPE).body("detail", containsString("cannot cover"));
        admin().body(Map.of("signal", "-", "type_", "increase", "value", 1, "userId", a.id)).post("/api/balance").then()
                .statusCode(400).body("detail", containsString("contradicts"));
        admin().body(Map.of("signal", "*", "value", 1, "userId", a.id)).post("/api/balance").then().statusCode(400);
        admin().body(Map.of("signal", "+", "value", "12.5", "userId", a.id)).post("/api/balance").then().statusCode(400)
                .body("detail", containsString("whole number"));
        admin().body(Map.of("signal", "+", "value", 5)).post("/api/balance").then().statusCode(400);
        admin().body(Map.of("signal", "+", "value", 5, "userId", 999999999)).post("/api/balance").then().statusCode(404);
        viewer().body(Map.of("signal", "+", "value", 5, "userId", a.id)).post("/api/balance").then().statusCode(403);

        viewer().get("/api/users/" + a.username + "/balance").then().statusCode(200)
                .body("balanceMinor", equalTo(700)).body("reservedMinor", equalTo(0)).body("currency", equalTo("USD"));
        viewer().get("/api/users/" + a.username + "/ledger").then().statusCode(200).body("$", hasSize(2))
                .body("[0].kind", equalTo("ADJUSTMENT")).body("[0].amountMinor", equalTo(-300)).body("[0].balanceAfter", equalTo(700))
                .body("[0].actor", equalTo("admin")).body("[1].kind", equalTo("TOPUP"));
        viewer().queryParam("limit", 0).get("/api/users/" + a.username + "/ledger").then().statusCode(400);
    }

    @Test
    void groupsCrudWithTheSeedsPayload() {
        Account a = fixtures.account(0);
        Account b = fixtures.account(0);
        String name = "group_" + BillingFixtures.unique();
        admin().body(Map.of("name", name, "day", 1, "month", 1, "year", 3000, "count", 10, "users", new long[] {a.id}))
                .post("/api/groups").then().statusCode(201)
                .body("name", equalTo(name)).body("expiresOn", equalTo("3000-01-01")).body("count", equalTo(10))
                .body("expired", equalTo(false)).body("users", hasSize(1));
        admin().body("{}").patch("/api/groups/" + name).then().statusCode(200).body("count", equalTo(10));
        admin().body(Map.of("count", 3, "users", new long[] {a.id, b.id}, "year", 2001)).patch("/api/groups/" + name).then()
                .statusCode(200).body("count", equalTo(3)).body("users", hasSize(2)).body("expired", equalTo(true));
        admin().body(Map.of("name", name, "day", 1, "month", 1, "year", 3000)).post("/api/groups").then().statusCode(409);
        admin().body(Map.of("name", "x" + name, "day", 31, "month", 2, "year", 3000)).post("/api/groups").then().statusCode(400)
                .body("detail", containsString("not a date"));
        admin().body(Map.of("name", "y" + name, "day", 1, "month", 1, "year", 3000, "users", new long[] {987654321L}))
                .post("/api/groups").then().statusCode(400);
        viewer().get("/api/groups/" + name).then().statusCode(200).body("users", hasSize(2));
        viewer().get("/api/groups").then().statusCode(200).body("name", hasItem(name));
        admin().delete("/api/groups/" + name).then().statusCode(204);
        viewer().get("/api/groups/" + name).then().statusCode(404);
    }

    @Test
    void theSeedsFourDigitImsiIsAcceptedWhenTheLengthIsConfigured() {
        // the test profile sets imsi-min-digits=4, so the seed's own example (9999) is reachable
        String n = BillingFixtures.unique();
        admin().body(Map.of("username", "seed" + n, "password", "seed123!", "clid", "59" + n, "imsi", "9999"))
                .post("/api/users").then().statusCode(201).body("imsi", equalTo("9999"));
        try {
            admin().body(Map.of("username", "short" + n, "password", "seed123!", "clid", "60" + n, "imsi", "999"))
                    .post("/api/users").then().statusCode(400).body("detail", containsString("imsi: 4 to 15 digits"));
            admin().body(Map.of("username", "long" + n, "password", "seed123!", "clid", "61" + n, "imsi", "1234567890123456"))
                    .post("/api/users").then().statusCode(400).body("detail", containsString("imsi: 4 to 15 digits"));
        } finally {
            admin().delete("/api/users/seed" + n).then().statusCode(204); // frees 9999 for the next run
        }
    }

    @Test
    void theCatchAllTariffIsCreatedReadChangedAndDeletedAtItsOwnPath() throws Exception {
        try {
            admin().body(Map.of("prefix", "", "ratePerMinuteMinor", 7)).post("/api/tariffs").then().statusCode(201)
                    .header("Location", endsWith("/api/tariffs/catch-all")).body("prefix", equalTo(""));
            viewer().get("/api/tariffs/catch-all").then().statusCode(200).body("prefix", equalTo(""))
                    .body("ratePerMinuteMinor", equalTo(7));
            admin().body(Map.of("ratePerMinuteMinor", 9)).put("/api/tariffs/catch-all").then().statusCode(200)
                    .body("prefix", equalTo("")).body("ratePerMinuteMinor", equalTo(9));
            viewer().queryParam("destination", "0009990").get("/api/tariffs/match").then().statusCode(200)
                    .body("prefix", equalTo("")).body("ratePerMinuteMinor", equalTo(9));
            admin().delete("/api/tariffs/catch-all").then().statusCode(204);
            viewer().get("/api/tariffs/catch-all").then().statusCode(404);
        } finally {
            fixtures.sql("delete from tariff where prefix = ''"); // every other test expects no catch-all
        }
    }

    @Test
    void aTariffWhosePrefixHoldsStarOrHashIsAddressable() {
        admin().body(Map.of("prefix", "*#95", "ratePerMinuteMinor", 3)).post("/api/tariffs").then().statusCode(201)
                .header("Location", endsWith("/api/tariffs/*%2395"));
        viewer().get("/api/tariffs/{prefix}", "*#95").then().statusCode(200).body("prefix", equalTo("*#95"));
        admin().delete("/api/tariffs/{prefix}", "*#95").then().statusCode(204);
        viewer().get("/api/tariffs/{prefix}", "*#95").then().statusCode(404);
    }

    @Test
    void tariffsCrudAndMatch() {
        admin().body(Map.of("prefix", "4951", "ratePerMinuteMinor", 12)).post("/api/tariffs").then().statusCode(201)
                .body("initialIncrement", equalTo(60)).body("subsequentIncrement", equalTo(60));
        admin().body(Map.of("ratePerMinuteMinor", 7, "initialIncrement", 1, "subsequentIncrement", 1, "connectionFeeMinor", 3))
                .put("/api/tariffs/49512").then().statusCode(200).body("prefix", equalTo("49512"));
        viewer().queryParam("destination", "4951299").get("/api/tariffs/match").then().statusCode(200).body("prefix", equalTo("49512"));
        viewer().queryParam("destination", "4951999").get("/api/tariffs/match").then().statusCode(200).body("prefix", equalTo("4951"));
        viewer().queryParam("destination", "4950").get("/api/tariffs/match").then().statusCode(404);
        admin().body(Map.of("ratePerMinuteMinor", -1)).put("/api/tariffs/4952").then().statusCode(400);
        admin().body(Map.of("ratePerMinuteMinor", 1)).put("/api/tariffs/49%25").then().statusCode(400);
        viewer().body(Map.of("ratePerMinuteMinor", 1)).put("/api/tariffs/4953").then().statusCode(403);
        admin().delete("/api/tariffs/49512").then().statusCode(204);
        viewer().queryParam("destination", "4951299").get("/api/tariffs/match").then().statusCode(200).body("prefix", equalTo("4951"));
        admin().delete("/api/tariffs/49512").then().statusCode(404);
    }

    @Test
    void cdrSearch() {
        fixtures.tariff("4954", 10, 60, 60, 0);
        Account a = fixtures.account(100);
        String uid = "1700500000." + BillingFixtures.unique();
        billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), "49541234", "PJSIP/a-1"));
        billing.settle(uid, 75, a.clid, "PJSIP/a-1");
        viewer().queryParam("username", a.username).get("/api/cdrs").then().statusCode(200).body("$", hasSize(1))
                .body("[0].callUniqueId", equalTo(uid)).body("[0].billsec", equalTo(75)).body("[0].billedSeconds", equalTo(120))
                .body("[0].amountMinor", equalTo(20)).body("[0].destination", equalTo("49541234"));
        viewer().queryParam("uniqueid", uid).get("/api/cdrs").then().statusCode(200).body("$", hasSize(1));
        viewer().queryParam("username", a.username).queryParam("destination", "4955").get("/api/cdrs").then().body("$", hasSize(0));
        viewer().queryParam("username", a.username).queryParam("from", "2999-01-01T00:00:00Z").get("/api/cdrs").then().body("$", hasSize(0));
        viewer().queryParam("from", "yesterday").get("/api/cdrs").then().statusCode(400).body("detail", containsString("ISO-8601"));
    }

    @Test
    void cookieLoginAsInTheSeedAlongsideBasic() {
        String cookie = given().contentType(ContentType.URLENC).formParam("username", "admin").formParam("password", "secret")
                .post("/login").then().statusCode(200).body("roles", hasItem("admin"))
                .header("Set-Cookie", startsWith("telops_billing_session=")).header("Set-Cookie", containsString("HttpOnly"))
                .extract().cookie("telops_billing_session");
        given().cookie("telops_billing_session", cookie).get("/api/about").then().statusCode(200);
        given().cookie("telops_billing_session", cookie).contentType(ContentType.JSON)
                .body(Map.of("prefix", "4956", "ratePerMinuteMinor", 1)).post("/api/tariffs").then().statusCode(201);
        given().cookie("telops_billing_session", cookie.substring(0, cookie.length() - 3) + "AAA").get("/api/about").then().statusCode(401);
        given().contentType(ContentType.URLENC).formParam("username", "admin").formParam("password", "nope")
                .post("/login").then().statusCode(401).contentType(Problem.MEDIA_TYPE);
        given().contentType(ContentType.URLENC).formParam("username", "admin").post("/login").then().statusCode(400);
        given().post("/logout").then().statusCode(204).header("Set-Cookie", containsString("Max-Age=0"));

        String viewerCookie = given().contentType(ContentType.URLENC).formParam("username", "viewer").formParam("password", "secret")
                .post("/login").then().statusCode(200).extract().cookie("telops_billing_session");
        given().cookie("telops_billing_session", viewerCookie).contentType(ContentType.JSON)
                .body(Map.of("prefix", "4957", "ratePerMinuteMinor", 1)).post("/api/tariffs").then().statusCode(403);
    }
}
