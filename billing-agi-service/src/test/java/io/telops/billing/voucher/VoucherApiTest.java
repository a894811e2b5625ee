package io.telops.billing.voucher;

import static io.restassured.RestAssured.given;
import static io.telops.billing.BillingFixtures.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.parsing.Parser;
import io.restassured.specification.RequestSpecification;
import io.telops.billing.BillingFixtures;
import io.telops.billing.ledger.Account;
import io.telops.events.Problem;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** The voucher and card admin API on real PostgreSQL: who may call it, codes shown once, each code credited once. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class VoucherApiTest {
    @Inject
    BillingFixtures fixtures;

    @BeforeAll
    static void problemJsonIsJson() {
        RestAssured.registerParser(Problem.MEDIA_TYPE, Parser.JSON);
    }

    static RequestSpecification viewer() {
        return given().auth().preemptive().basic("viewer", "secret").contentType(ContentType.JSON);
    }

    private static Map<String, Object> batch(int count, int digits, long value) {
        return Map.of("count", count, "digits", digits, "valueMinor", value,
                "expiresAt", Instant.now().plus(30, ChronoUnit.DAYS).toString());
    }

    private static List<String> generate(int count, int digits, long value) {
        return admin().body(batch(count, digits, value)).post("/api/vouchers/batches").then().statusCode(201)
                .extract().jsonPath().getList("codes", String.class);
    }

    @Test
    void generatingABatchNeedsAnAdmin() {
        given().contentType(ContentType.JSON).body(batch(1, 12, 100)).post("/api/vouchers/batches").then().statusCode(401);
        viewer().body(batch(1, 12, 100)).post("/api/vouchers/batches").then().statusCode(403);
        viewer().body(Map.of("code", "123456789012", "username", "nobody")).post("/api/vouchers/redemptions").then()
                .statusCode(403);
    }

    @Test
    void aBatchShowsItsCodesOnceAndStoresOnlyTheirDigests() throws Exception {
        var created = admin().body(batch(25, 14, 250)).post("/api/vouchers/batches").then().statusCode(201)
                .header("Cache-Control", "no-store").header("Location", containsString("/api/vouchers/batches/"))
                .body("size", equalTo(25)).body("valueMinor", equalTo(250)).body("currency", equalTo("USD"))
                .body("codes", hasSize(25)).extract().jsonPath();
        List<String> codes = created.getList("codes", String.class);
        assertThat(codes).allMatch(c -> c.matches("[0-9]{14}"));
        assertThat(new HashSet<>(codes)).hasSize(25);
        long id = created.getLong("id");
        viewer().get("/api/vouchers/batches/{id}", id).then().statusCode(200).body("codes", hasSize(0))
                .body("size", equalTo(25)).body("redeemed", equalTo(0));
        assertThat(fixtures.queryLong("select count(*) from voucher where batch_id = ? and length(code_digest) = 32", id))
                .isEqualTo(25);
        // no column holds a code: the digest of one is not its digits
        for (String code : codes.subList(0, 3)) {
            assertThat(fixtures.queryLong("select count(*) from voucher where code_digest = ?",
                    (Object) code.getBytes(StandardCharsets.US_ASCII))).isZero();
        }
    }

    @Test
    void aBatchAsksForSensibleValues() {
        admin().body(batch(0, 12, 100)).post("/api/vouchers/batches").then().statusCode(400);
        admin().body(batch(1, 6, 100)).post("/api/vouchers/batches").then().statusCode(400); // guessable
        admin().body(batch(1, 12, 0)).post("/api/vouchers/batches").then().statusCode(400);
        admin().body(Map.of("count", 1, "digits", 12, "valueMinor", 100, "currency", "EUR",
                "expiresAt", Instant.now().plus(1, ChronoUnit.DAYS).toString())).post("/api/vouchers/batches").then().statusCode(400);
        admin().body(Map.of("count", 1, "digits", 12, "valueMinor", 100,
                "expiresAt", Instant.now().minus(1, ChronoUnit.DAYS).toString())).post("/api/vouchers/batches").then().statusCode(400);
    }

    @Test
    void twentyParallelRedemptionsOfOneCodeCreditOnce() throws Exception {
        String code = generate(1, 12, 700).get(0);
        List<Account> callers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            callers.add(fixtures.account(0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Account a : callers) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return admin().body(Map.of("code", code, "username", a.username)).post("/api/vouchers/redemptions")
                            .then().extract().statusCode();
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsOnly(200, 409);
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        StringBuilder ids = new StringBuilder();
        for (Account a : callers) {
            ids.append(ids.length() == 0 ? "" : ",").append(a.id);
        }
        assertThat(fixtures.queryLong("select count(*) from ledger_entry where kind = 'VOUCHER' and account_id in (" + ids + ")"))
                .isEqualTo(1);
        assertThat(fixtures.queryLong("select sum(balance_minor) from account where id in (" + ids + ")")).isEqualTo(700);
        // the balance event flows through the outbox as a top-up would
        assertThat(fixtures.queryLong("select count(*) from telops_outbox where ce_type like '%balance-changed%'"
                + " and payload like '%\"reason\":\"TOPUP\"%' and payload like '%\"delta%700%' and event_key in ("
                + callers.stream().map(a -> "'" + a.id + "'").reduce((x, y) -> x + "," + y).orElseThrow() + ")")).isEqualTo(1);
    }

    @Test
    void aUsedAnUnknownAnExpiredAndAMalformedCodeAreRefused() throws Exception {
        Account a = fixtures.account(0);
        List<String> codes = generate(2, 12, 300);
        admin().body(Map.of("code", codes.get(0), "username", a.username)).post("/api/vouchers/redemptions").then()
                .statusCode(200).body("amountMinor", equalTo(300)).body("balanceMinor", equalTo(300));
        admin().body(Map.of("code", codes.get(0), "username", a.username)).post("/api/vouchers/redemptions").then()
                .statusCode(409).body("detail", containsString("USED"));
        String unknown = codes.get(0).equals("999999999999") ? "999999999998" : "999999999999";
        admin().body(Map.of("code", unknown, "username", a.username)).post("/api/vouchers/redemptions").then()
                .statusCode(409).body("detail", containsString("UNKNOWN"));
        fixtures.sql("update voucher_batch set expires_at = now() - interval '1 minute' where id = "
                + "(select batch_id from voucher where redeemed_by = ?)", a.id);
        admin().body(Map.of("code", codes.get(1), "username", a.username)).post("/api/vouchers/redemptions").then()
                .statusCode(409).body("detail", containsString("EXPIRED"));
        admin().body(Map.of("code", "12ab' or 1=1", "username", a.username)).post("/api/vouchers/redemptions").then()
                .statusCode(400);
        assertThat(fixtures.balance(a.id)).isEqualTo(300);
    }

    @Test
    void aCardIsIssuedByAnAdminWithItsPinShownOnce() throws Exception {
        Account a = fixtures.account(0);
        viewer().body(Map.of("username", a.username)).post("/api/cards").then().statusCode(403);
        String pin = admin().body(Map.of("username", a.username)).post("/api/cards").then().statusCode(201)
                .header("Cache-Control", "no-store").body("accountId", equalTo(a.id.intValue()))
                .extract().path("pin");
        assertThat(pin).matches("[0-9]{10}");
        assertThat(fixtures.queryLong("select count(*) from calling_card where account_id = ? and length(pin_digest) = 32", a.id))
                .isEqualTo(1);
        // a new PIN replaces the old one
        String second = admin().body(Map.of("username", a.username)).post("/api/cards").then().statusCode(201)
                .extract().path("pin");
        assertThat(fixtures.queryLong("select count(*) from calling_card where account_id = ?", a.id)).isEqualTo(1);
        assertThat(second).isNotEqualTo(pin);
        admin().body(Map.of("username", "no-such-user-" + BillingFixtures.unique())).post("/api/cards").then().statusCode(404);
    }
}
