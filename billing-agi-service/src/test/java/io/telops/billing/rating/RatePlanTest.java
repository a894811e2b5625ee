package io.telops.billing.rating;

import static io.restassured.RestAssured.given;
import static io.telops.billing.BillingFixtures.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.telops.billing.BillingFixtures;
import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.Authorisation;
import io.telops.billing.ledger.CallBilling;
import io.telops.billing.ledger.CallRequest;
import io.telops.billing.ledger.RefusalReason;
import io.telops.billing.ledger.Settlement;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Rate plans end to end: the plan that applies (account, group, currency default), currencies kept apart, a hold that
 * stays affordable when the call may reach a dearer period, settle pricing each part by its own rate, and the CSV
 * import (100,000 rows in one transaction; a bad row rejects the file with its line number) and export.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class RatePlanTest {
    private static final String HEADER = String.join(",", RateCsv.COLUMNS) + "\n";
    private static final int LIMIT_IN_TESTS = 8 << 20;

    @Inject
    BillingFixtures fixtures;
    @Inject
    CallBilling billing;

    static RequestSpecification csv() {
        return given().auth().preemptive().basic("admin", "secret").contentType("text/csv");
    }

    private static String plan(String currency, List<Map<String, String>> periods) {
        String name = "plan-" + BillingFixtures.unique();
        admin().body(Map.of("name", name, "currency", currency, "periods", periods)).post("/api/plans").then().statusCode(201)
                .body("name", equalTo(name)).body("currency", equalTo(currency));
        return name;
    }

    private Authorisation authorise(Account a, String destination) {
        return billing.authorise(new CallRequest("rp." + BillingFixtures.unique(), Optional.of(a.clid), Optional.empty(), destination, "c"));
    }

    private static int seconds(Authorisation outcome) {
        assertThat(outcome).isInstanceOf(Authorisation.Granted.class);
        return ((Authorisation.Granted) outcome).maxSeconds();
    }

    @Test
    void theAccountsPlanWinsOverItsGroupsWhichWinsOverTheDefault() {
        String p = "*71" + BillingFixtures.unique();
        fixtures.tariff(p, 60, 1, 1, 0); // the default plan: 1 a second
        String own = plan("USD", List.of());
        String group = plan("USD", List.of());
        csv().body(HEADER + p + ",,120,1,1,0,0,,own\n").put("/api/plans/" + own + "/rates").then().statusCode(200).body("rates", equalTo(1));
        csv().body(HEADER + p + ",,30,1,1,0,0,,group\n").put("/api/plans/" + group + "/rates").then().statusCode(200);

        Account a = fixtures.account(600);
        assertThat(seconds(authorise(a, p + "1"))).isEqualTo(600); // the default plan: 1 a second
        String g = "g-" + BillingFixtures.unique();
        Account b = fixtures.account(600);
        Account c = fixtures.account(600);
        admin().body(Map.of("name", g, "day", 1, "month", 1, "year", 2099, "users", List.of(b.id, c.id))).post("/api/groups")
                .then().statusCode(201);
        admin().body(Map.of("plan", group)).put("/api/groups/" + g + "/plan").then().statusCode(200);
        assertThat(seconds(authorise(b, p + "1"))).isEqualTo(1200); // the group's: 0.5 a second
        admin().body(Map.of("plan", own)).put("/api/users/" + c.username + "/plan").then().statusCode(200);
        assertThat(seconds(authorise(c, p + "1"))).isEqualTo(300); // its own: 2 a second
        // taking the plan away again: back to the group's
        Account d = fixtures.account(600);
        admin().body(Map.of("users", List.of(b.id, c.id, d.id))).patch("/api/groups/" + g).then().statusCode(200);
        admin().body(Map.of("plan", own)).put("/api/users/" + d.username + "/plan").then().statusCode(200);
        admin().body(Map.of()).put("/api/users/" + d.username + "/plan").then().statusCode(200);
        assertThat(seconds(authorise(d, p + "1"))).isEqualTo(1200);
    }

    @Test
    void anAccountOnlyTakesAPlanOfItsCurrencyAndNoCurrencyChangeMovesMoney() {
        String eur = plan("EUR", List.of());
        Account usd = fixtures.account(100);
        admin().body(Map.of("plan", eur)).put("/api/users/" + usd.username + "/plan").then().statusCode(409)
                .body("detail", containsString("EUR"));
        // with money on it, the account cannot switch currency either
        admin().body(Map.of("currency", "EUR", "plan", eur)).put("/api/users/" + usd.username + "/plan").then().statusCode(409);
        String n = BillingFixtures.unique();
        admin().body(Map.of("username", "eur" + n, "password", "secret-" + n, "clid", "78" + n, "currency", "EUR"))
                .post("/api/users").then().statusCode(201).body("currency", equalTo("EUR"));
        admin().body(Map.of("plan", eur, "timeZone", "Europe/Berlin")).put("/api/users/eur" + n + "/plan").then().statusCode(200)
                .body("timeZone", equalTo("Europe/Berlin"));
        admin().body(Map.of("timeZone", "Mars/Olympus")).put("/api/users/eur" + n + "/plan").then().statusCode(400);
        admin().body(Map.of("currency", "usd")).put("/api/users/eur" + n + "/plan").then().statusCode(400);
        // an EUR account with no EUR default plan and no plan of its own has no tariff at all: never a USD price
        String p = "*72" + BillingFixtures.unique();
        fixtures.tariff(p, 1, 1, 1, 0);
        admin().body(Map.of()).put("/api/users/eur" + n + "/plan").then().statusCode(200);
        Account e = fixtures.accountNamed("eur" + n);
        fixtures.adjust(e.id, 1000);
        assertThat(authorise(e, p)).isEqualTo(new Authorisation.Refused(RefusalReason.NO_TARIFF, Optional.of(e.id)));
        // ... and its plan's rate once it has one, with its events in EUR
        csv().body(HEADER + p + ",,60,1,1,0,0,,\n").put("/api/plans/" + eur + "/rates").then().statusCode(200);
        admin().body(Map.of("plan", eur)).put("/api/users/eur" + n + "/plan").then().statusCode(200);
        assertThat(seconds(authorise(e, p))).isEqualTo(1000);
        admin().delete("/api/plans/" + eur).then().statusCode(409); // in use
    }

    /** A fixed-offset zone in which it is now between 10:00 and 11:00, so a window later today fits before midnight. */
    private static String midMorningZone(Instant now) {
        int hour = now.atZone(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(10 - hour + 12, 24) - 12;
        return ZoneOffset.ofHours(offset).getId();
    }

    private static String hhmm(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }

    @Test
    void aHoldThatMayReachADearerPeriodStaysAffordableAndSettlePricesEachPart() throws SQLException {
        Instant now = Instant.now();
        String zone = midMorningZone(now);
        ZonedDateTime local = now.atZone(ZoneOffset.of(zone));
        int soon = local.getHour() * 60 + local.getMinute() + 10; // a dearer period in 10 minutes, for an hour
        String name = plan("USD", List.of(Map.of("name", "peak", "days", "MON-SUN", "start", hhmm(soon), "end", hhmm(soon + 60))));
        String p = "*73" + BillingFixtures.unique();
        csv().body(HEADER + p + ",,60,1,1,0,0,,off-peak\n" + p + ",peak,120,1,1,0,0,,peak\n")
                .put("/api/plans/" + name + "/rates").then().statusCode(200).body("rates", equalTo(2));
        Account a = fixtures.account(300);
        admin().body(Map.of("plan", name, "timeZone", zone)).put("/api/users/" + a.username + "/plan").then().statusCode(200);
        // the start rate alone would allow 300 s, but a call answered 9 min from now would run into 120/min:
        // the hold is priced at the dearest rate reachable, 120/min: 150 s
        String uid = "rp.peak." + BillingFixtures.unique();
        Authorisation g = billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), p + "5", "c"));
        assertThat(g).isEqualTo(new Authorisation.Granted(a.id, a.username, p, 150, 300));
        assertThat(fixtures.queryString("select rate_schedule from reservation where call_unique_id = ?", uid))
                .matches("[0-9]+:60/1/1/0;[0-9]+:120/1/1/0(;[0-9]+:60/1/1/0)?");

        // settle: the call was answered 90 s before settle; put the boundary 30 s before settle (as if the call had
        // run into the peak): 60 s x 1 + 30 s x 2 = 120
        long t = Instant.now().getEpochSecond();
        fixtures.sql("update reservation set rate_schedule = ? where call_unique_id = ?",
                (t - 1000) + ":60/1/1/0;" + (t - 30) + ":120/1/1/0", uid);
        Settlement s = billing.settle(uid, 90, a.clid, "c");
        assertThat(s).isInstanceOf(Settlement.Settled.class);
        assertThat(((Settlement.Settled) s).amountMinor()).isIn(119L, 120L, 121L); // settle's second may tick once
        assertThat(fixtures.balance(a.id)).isEqualTo(300 - ((Settlement.Settled) s).amountMinor());

        // with the dearer period out of the call's reach (it starts in 3 h), the start rate alone prices the hold
        String later = plan("USD", List.of(Map.of("name", "peak", "days", "MON-SUN", "start", hhmm(soon + 170), "end", hhmm(soon + 230))));
        csv().body(HEADER + p + ",,60,1,1,0,0,,\n" + p + ",peak,120,1,1,0,0,,\n").put("/api/plans/" + later + "/rates").then().statusCode(200);
        Account b = fixtures.account(300);
        admin().body(Map.of("plan", later, "timeZone", zone)).put("/api/users/" + b.username + "/plan").then().statusCode(200);
        assertThat(seconds(authorise(b, p))).isEqualTo(300);
    }

    @Test
    void periodsOfAPlanMayNotOverlapAndRatesMustNameTheirPeriod() {
        admin().body(Map.of("name", "ov-" + BillingFixtures.unique(), "currency", "USD", "periods", List.of(
                Map.of("name", "a", "days", "MON-FRI", "start", "08:00", "end", "18:00"),
                Map.of("name", "b", "days", "FRI,SAT", "start", "17:00", "end", "20:00")))).post("/api/plans").then().statusCode(400)
                .body("detail", containsString("overlap"));
        String name = plan("USD", List.of(Map.of("name", "day", "days", "MON-FRI", "start", "08:00", "end", "18:00")));
        csv().body(HEADER + "1,night,5,1,1,0,0,,\n").put("/api/plans/" + name + "/rates").then().statusCode(400)
                .body("detail", equalTo("line 2: the plan has no period 'night'"));
    }

    @Test
    void aHundredThousandRowsImportInOneTransactionAndExportAgain() {
        String name = plan("USD", List.of(Map.of("name", "peak", "days", "MON-FRI", "start", "08:00", "end", "18:00")));
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 100_000; i++) {
            file.append(1_000_000 + i).append(i % 10 == 0 ? ",peak," : ",,").append(i % 97).append(",30,6,")
                    .append(i % 5).append(",0,").append(i % 1000 == 0 ? "INTL" : "").append(',')
                    .append(i % 3 == 0 ? "\"Dest, \"\"" + i + "\"\"\"" : "").append('\n');
        }
        assertThat(file.length()).isGreaterThan(1 << 20); // past the 1M of the rest of the API: the import has its own limit
        long started = System.nanoTime();
        csv().body(file.toString()).put("/api/plans/" + name + "/rates").then().statusCode(200).body("rates", equalTo(100_000));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("imported 100000 rates in " + millis + " ms");
        String out = given().auth().preemptive().basic("viewer", "secret").accept("text/csv")
                .get("/api/plans/" + name + "/rates").then().statusCode(200).extract().asString();
        String[] lines = out.split("\n");
        assertThat(lines).hasSize(100_001);
        assertThat(lines[0]).isEqualTo(String.join(",", RateCsv.COLUMNS));
        assertThat(lines[1]).isEqualTo("1000000,peak,0,30,6,0,0,INTL,\"Dest, \"\"0\"\"\"");
        assertThat(lines[2]).isEqualTo("1000001,\"\",1,30,6,1,0,,");
        // the export imports again as it is
        csv().body(out).put("/api/plans/" + name + "/rates").then().statusCode(200).body("rates", equalTo(100_000));
    }

    @Test
    void aBadRowRejectsTheWholeFileWithItsLineNumberAndKeepsThePlanAsItWas() {
        String name = plan("USD", List.of());
        csv().body(HEADER + "44,,10,60,60,0,0,,UK\n").put("/api/plans/" + name + "/rates").then().statusCode(200);
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 50_000; i++) {
            file.append(2_000_000 + i).append(",,5,1,1,0,0,,\n");
        }
        file.append("2999999,,five,1,1,0,0,,\n"); // line 50,002
        for (int i = 0; i < 10; i++) {
            file.append(3_000_000 + i).append(",,5,1,1,0,0,,\n");
        }
        csv().body(file.toString()).put("/api/plans/" + name + "/rates").then().statusCode(400)
                .body("detail", equalTo("line 50002: rate_per_minute_minor: a whole number, not 'five'"));
        assertThat(export(name)).isEqualTo(HEADER + "44,\"\",10,60,60,0,0,,UK\n");
        for (String bad : List.of("45,,11,60,60,0,0,,again\n", "44,,-1,60,60,0,0,,\n", "4x,,1,1,1,0,0,,\n",
                "44,,1,0,1,0,0,,\n", "44,,1,1,1,0\n", "44,,1,1,1,0,0,premium!,\n", "44,,1,1,1,0,0,,\"open\n")) {
            csv().body(HEADER + "45,,1,1,1,0,0,,\n" + bad).put("/api/plans/" + name + "/rates").then().statusCode(400)
                    .body("detail", containsString("line 3"));
        }
        csv().body("prefix,rate\n44,1\n").put("/api/plans/" + name + "/rates").then().statusCode(400)
                .body("detail", containsString("line 1"));
        assertThat(export(name)).isEqualTo(HEADER + "44,\"\",10,60,60,0,0,,UK\n");
        given().auth().preemptive().basic("viewer", "secret").contentType("text/csv").body(HEADER)
                .put("/api/plans/" + name + "/rates").then().statusCode(403);
    }

    private static String export(String name) {
        return given().auth().preemptive().basic("viewer", "secret").accept("text/csv")
                .get("/api/plans/" + name + "/rates").then().statusCode(200).extract().asString();
    }

    @Test
    void anImportPastItsOwnLimitIsRefusedWith413AndChangesNothing() {
        String name = plan("USD", List.of());
        csv().body(HEADER + "44,,10,60,60,0,0,,UK\n").put("/api/plans/" + name + "/rates").then().statusCode(200);
        StringBuilder file = new StringBuilder(HEADER);
        while (file.length() <= LIMIT_IN_TESTS) { // %test.telops.billing.rate-import-max-size=8M
            file.append("45,,1,1,1,0,0,,\n");
        }
        csv().body(file.toString()).put("/api/plans/" + name + "/rates").then().statusCode(413)
                .contentType("application/problem+json").body("detail", containsString("telops.billing.rate-import-max-size"));
        assertThat(export(name)).isEqualTo(HEADER + "44,\"\",10,60,60,0,0,,UK\n");
    }

    @Test
    void theRestOfTheApiKeepsTheOneMebibyteBodyLimit() {
        String big = "x".repeat((1 << 20) + 1);
        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON)
                .body("{\"name\":\"" + big + "\",\"currency\":\"USD\"}").post("/api/plans").then().statusCode(413);
        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON)
                .body("{\"name\":\"" + big + "\"}").put("/api/plans/default").then().statusCode(413);
    }

    @Test
    void onlyAdminsImportRates() {
        String name = plan("USD", List.of());
        given().contentType("text/csv").body(HEADER).put("/api/plans/" + name + "/rates").then().statusCode(401);
        given().auth().preemptive().basic("viewer", "secret").contentType("text/csv").body(HEADER)
                .put("/api/plans/" + name + "/rates").then().statusCode(403);
        csv().body(HEADER).put("/api/plans/nosuchplan" + BillingFixtures.unique() + "/rates").then().statusCode(404);
        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON).body("{}")
                .put("/api/plans/" + name + "/rates").then().statusCode(415);
    }
}
