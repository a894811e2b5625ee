package io.telops.billing.ledger;

import static io.restassured.RestAssured.given;
import static io.telops.billing.BillingFixtures.admin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.billing.BillingFixtures;
import io.telops.billing.rating.RateCsv;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Fraud limits, decided under the account row lock like the balance: concurrent calls (100 parallel authorisations
 * against a limit of 3 admit exactly 3), spend per hour and per day (debits plus holds of calls in progress cap the
 * next hold), and destinations that need a permission. Each refusal has its own reason.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class FraudLimitTest {
    @Inject
    BillingFixtures fixtures;
    @Inject
    CallBilling billing;

    private Authorisation authorise(Account a, String uid, String destination) {
        return billing.authorise(new CallRequest(uid, Optional.of(a.clid), Optional.empty(), destination, "c"));
    }

    @Test
    void aHundredParallelAuthorisationsAgainstALimitOfThreeAdmitExactlyThree() throws Exception {
        String p = "*91" + BillingFixtures.unique();
        fixtures.tariff(p, 1, 1, 1, 0);
        Account a = fixtures.account(1_000_000);
        admin().body(Map.of("maxConcurrentCalls", 3)).put("/api/users/" + a.username + "/limits").then().statusCode(200)
                .body("limits.maxConcurrentCalls", equalTo(3));
        ExecutorService pool = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Authorisation>> calls = new ArrayList<>();
        List<String> uids = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                String uid = "fl.cc." + BillingFixtures.unique();
                uids.add(uid);
                calls.add(pool.submit(() -> {
                    start.await();
                    return authorise(a, uid, p);
                }));
            }
            start.countDown();
            int granted = 0;
            int limited = 0;
            for (Future<Authorisation> f : calls) {
                Authorisation outcome = f.get(120, TimeUnit.SECONDS);
                if (outcome instanceof Authorisation.Granted) {
                    granted++;
                } else if (outcome.equals(new Authorisation.Refused(RefusalReason.CONCURRENT_CALLS_LIMIT, Optional.of(a.id)))) {
                    limited++;
                }
            }
            assertThat(granted).isEqualTo(3);
            assertThat(limited).isEqualTo(97);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixtures.queryLong("select count(*) from reservation where account_id = ? and state = 'OPEN'", a.id)).isEqualTo(3);
        assertThat(fixtures.queryLong("select count(*) from telops_outbox where ce_type = 'io.telops.billing.call-refused.v1' "
                + "and event_key = ? and payload::json ->> 'reason' = 'CONCURRENT_CALLS_LIMIT'", String.valueOf(a.id))).isEqualTo(97);
        // one call ends: one more may start
        String open = fixtures.queryString("select call_unique_id from reservation where account_id = ? and state = 'OPEN' limit 1", a.id);
        billing.settle(open, 10, a.clid, "c");
        assertThat(authorise(a, "fl.cc.next." + BillingFixtures.unique(), p)).isInstanceOf(Authorisation.Granted.class);
        assertThat(authorise(a, "fl.cc.over." + BillingFixtures.unique(), p))
                .isEqualTo(new Authorisation.Refused(RefusalReason.CONCURRENT_CALLS_LIMIT, Optional.of(a.id)));
    }

    @Test
    void theHourlySpendLimitCapsTheHoldAndThenRefuses() {
        String p = "*92" + BillingFixtures.unique();
        fixtures.tariff(p, 60, 1, 1, 0); // 1 a second
        Account a = fixtures.account(10_000);
        admin().body(Map.of("maxSpendPerHourMinor", 100, "maxSpendPerDayMinor", 1000)).put("/api/users/" + a.username + "/limits")
                .then().statusCode(200);
        String first = "fl.h1." + BillingFixtures.unique();
        assertThat(authorise(a, first, p)).isEqualTo(new Authorisation.Granted(a.id, a.username, p, 100, 100)); // capped: 100 s
        assertThat(authorise(a, "fl.h2." + BillingFixtures.unique(), p))
                .isEqualTo(new Authorisation.Refused(RefusalReason.HOURLY_SPEND_LIMIT, Optional.of(a.id)));
        billing.settle(first, 30, a.clid, "c"); // 30 spent, the other 70 of the hold back
        assertThat(authorise(a, "fl.h3." + BillingFixtures.unique(), p)).isEqualTo(new Authorisation.Granted(a.id, a.username, p, 70, 70));
        assertThat(fixtures.balance(a.id)).isEqualTo(10_000 - 30 - 70);
    }

    @Test
    void theDailySpendLimitCountsTheDebitsOfTheLastDay() throws Exception {
        String p = "*93" + BillingFixtures.unique();
        fixtures.tariff(p, 60, 1, 1, 0);
        Account a = fixtures.account(10_000);
        // 950 debited 2 hours ago (outside the hour, inside the day), 5000 two days ago (outside both)
        fixtures.sql("insert into ledger_entry (account_id, kind, amount_minor, balance_after, note, actor, created_at) values "
                + "(?, 'DEBIT', -950, 10000, 'old call', 'test', now() - interval '2 hours'), "
                + "(?, 'DEBIT', -5000, 10000, 'older call', 'test', now() - interval '2 days')", a.id, a.id);
        admin().body(Map.of("maxSpendPerHourMinor", 500, "maxSpendPerDayMinor", 1000)).put("/api/users/" + a.username + "/limits")
                .then().statusCode(200);
        String first = "fl.d1." + BillingFixtures.unique();
        assertThat(authorise(a, first, p)).isEqualTo(new Authorisation.Granted(a.id, a.username, p, 50, 50)); // 1000 - 950
        assertThat(authorise(a, "fl.d2." + BillingFixtures.unique(), p))
                .isEqualTo(new Authorisation.Refused(RefusalReason.DAILY_SPEND_LIMIT, Optional.of(a.id)));
        // no limits: the balance alone decides again
        admin().body(Map.of()).put("/api/users/" + a.username + "/limits").then().statusCode(200);
        assertThat(authorise(a, "fl.d3." + BillingFixtures.unique(), p)).isInstanceOf(Authorisation.Granted.class);
    }

    @Test
    void aDestinationWhoseRateNeedsAPermissionIsRefusedWithoutIt() {
        String name = "perm-" + BillingFixtures.unique();
        admin().body(Map.of("name", name, "currency", "USD")).post("/api/plans").then().statusCode(201);
        String p = "*94" + BillingFixtures.unique();
        given().auth().preemptive().basic("admin", "secret").contentType("text/csv")
                .body(String.join(",", RateCsv.COLUMNS) + "\n" + p + ",,60,1,1,0,0,,local\n" + p + "00,,600,1,1,0,0,PREMIUM,premium\n")
                .put("/api/plans/" + name + "/rates").then().statusCode(200);
        Account a = fixtures.account(600);
        admin().body(Map.of("plan", name)).put("/api/users/" + a.username + "/plan").then().statusCode(200);
        assertThat(authorise(a, "fl.p1." + BillingFixtures.unique(), p + "001"))
                .isEqualTo(new Authorisation.Refused(RefusalReason.DESTINATION_NOT_PERMITTED, Optional.of(a.id)));
        assertThat(fixtures.balance(a.id)).isEqualTo(600);
        assertThat(authorise(a, "fl.p2." + BillingFixtures.unique(), p + "1")).isInstanceOf(Authorisation.Granted.class);
        Account b = fixtures.account(600);
        admin().body(Map.of("plan", name)).put("/api/users/" + b.username + "/plan").then().statusCode(200);
        admin().body(Map.of("permissions", List.of("INTL", "PREMIUM"))).put("/api/users/" + b.username + "/limits").then().statusCode(200)
                .body("limits.permissions", equalTo(List.of("INTL", "PREMIUM")));
        assertThat(authorise(b, "fl.p3." + BillingFixtures.unique(), p + "001")).isEqualTo(new Authorisation.Granted(b.id, b.username, p + "00", 60, 600));
        admin().body(Map.of("permissions", List.of("no spaces"))).put("/api/users/" + b.username + "/limits").then().statusCode(400);
        admin().body(Map.of("maxConcurrentCalls", -1)).put("/api/users/" + b.username + "/limits").then().statusCode(400);
    }
}
