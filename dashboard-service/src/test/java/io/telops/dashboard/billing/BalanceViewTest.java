package io.telops.dashboard.billing;

import static io.restassured.RestAssured.given;
import static io.telops.dashboard.TestUsers.operator;
import static io.telops.dashboard.billing.BillingEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.telops.contracts.billing.BalanceChanged;
import io.telops.contracts.billing.CallAuthorised;
import io.telops.contracts.billing.CallRefused;
import io.telops.contracts.billing.CallSettled;
import io.telops.dashboard.CloudEventProducer;
import io.telops.dashboard.Eventually;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.dashboard.TestUsers;

/** The balances view through the real broker and PostgreSQL: a call's reservation and settlement, replays, refusals. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class BalanceViewTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aCallReservesSettlesAndReleasesAndTheBalanceFollowsTheLatestChange() {
        long account = BillingEvents.accountId();
        String call = "1700000000." + account;
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        String settledId = UUID.randomUUID().toString();
        String unknownCaller = "+4930" + (account % 100000);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, new BalanceChanged(account, "alice", 1000, 1000, "EUR", "TOPUP", t));
            publish(producer, new CallAuthorised(account, "alice", call, "+4930111", "0049301234", "49", 600, 300, "EUR", t.plusSeconds(1)));
            publish(producer, new BalanceChanged(account, "alice", -300, 700, "EUR", "CALL_RESERVED", t.plusSeconds(1)));
            publish(producer, settledId, new CallSettled(account, "alice", call, "0049301234", "49", 65, 120, 120, 180, "EUR", t.plusSeconds(70)));
            publish(producer, new BalanceChanged(account, "alice", 180, 880, "EUR", "CALL_SETTLED", t.plusSeconds(70)));
            publish(producer, new CallRefused(Optional.of(account), call + "b", "+4930111", "0049309999", "INSUFFICIENT_BALANCE", t.plusSeconds(80)));
            // replays: the settlement again under its ce_id, and an old balance delivered late
            publish(producer, settledId, new CallSettled(account, "alice", call, "0049301234", "49", 65, 120, 120, 180, "EUR", t.plusSeconds(70)));
            publish(producer, new BalanceChanged(account, "alice", 500, 1500, "EUR", "ADJUSTMENT", t.minusSeconds(60)));
            publish(producer, new CallRefused(Optional.empty(), call + "c", unknownCaller, "0049308888", "UNKNOWN_ACCOUNT", t.plusSeconds(90)));
        }
        Eventually.within(WAIT, () -> assertThat(events(account).getList("items")).hasSize(7));
        JsonPath view = operator().get("/api/balances/accounts/" + account).then().statusCode(200).extract().jsonPath();
        assertThat(view.getLong("balanceMinor")).isEqualTo(880);
        assertThat(view.getString("currency")).isEqualTo("EUR");
        assertThat(view.getString("username")).isEqualTo("alice");
        assertThat(view.getString("balanceAt")).isEqualTo(t.plusSeconds(70).toString());
        assertThat(view.getLong("callsAuthorised")).isEqualTo(1);
        assertThat(view.getLong("callsSettled")).isEqualTo(1);
        assertThat(view.getLong("callsRefused")).isEqualTo(1);
        assertThat(view.getLong("spentMinor")).isEqualTo(120);

        JsonPath events = events(account);
        assertThat(events.getList("items.kind")).containsExactly("call-refused", "balance-changed", "call-settled",
                "balance-changed", "call-authorised", "balance-changed", "balance-changed");
        assertThat(events.getList("items.summary", String.class)).contains(
                "CALL_SETTLED +1.80 EUR, balance 8.80 EUR",
                "call to 0049301234 settled: 65 s talked, 120 s billed, 1.20 EUR",
                "call to 0049301234 authorised: 3.00 EUR held for up to 600 s",
                "call from +4930111 to 0049309999 refused: INSUFFICIENT_BALANCE");
        assertThat(events.getList("items.eventId")).doesNotHaveDuplicates().contains(settledId);

        Eventually.within(WAIT, () -> assertThat(operator().get("/api/balances/events?size=200").then().statusCode(200)
                .extract().jsonPath().getList("items.key")).contains("clid:" + unknownCaller));
        assertThat(operator().get("/api/balances/accounts?size=200").then().statusCode(200).extract().jsonPath()
                .getList("items.accountId", Long.class)).contains(account);
    }

    @Test
    void aLaterCommitWithAnEarlierTimeWinsByItsLedgerSequence() {
        long account = BillingEvents.accountId();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, new BalanceChanged(account, "bob", 1000, 1000, "EUR", "TOPUP", t, Optional.of(1L)));
            publish(producer, new BalanceChanged(account, "bob", -300, 700, "EUR", "CALL_RESERVED", t.plusSeconds(5), Optional.of(2L)));
            // took its time before waiting for the account lock, committed after the one above
            publish(producer, new BalanceChanged(account, "bob", -200, 500, "EUR", "CALL_RESERVED", t.plusSeconds(2), Optional.of(3L)));
            // a replay of an older change, and an event from before the producer sent sequences: neither moves it back
            publish(producer, new BalanceChanged(account, "bob", -300, 700, "EUR", "CALL_RESERVED", t.plusSeconds(5), Optional.of(2L)));
            publish(producer, new BalanceChanged(account, "bob", 100, 1100, "EUR", "TOPUP", t.plusSeconds(60)));
        }
        Eventually.within(WAIT, () -> assertThat(events(account).getList("items")).hasSize(5));
        JsonPath view = operator().get("/api/balances/accounts/" + account).then().statusCode(200).extract().jsonPath();
        assertThat(view.getLong("balanceMinor")).isEqualTo(500);
        assertThat(view.getString("balanceAt")).isEqualTo(t.plusSeconds(2).toString());
    }

    @Test
    void amountsFollowTheCurrencysDecimalsAndThePageEscapesText() {
        long account = BillingEvents.accountId();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, new BalanceChanged(account, "<script>alert('b')</script>", 500, 500, "JPY", "TOPUP", t));
        }
        Eventually.within(WAIT, () -> assertThat(operator().get("/api/balances/accounts/" + account).then().statusCode(200)
                .extract().jsonPath().getLong("balanceMinor")).isEqualTo(500));
        String session = TestUsers.login();
        String html = given().cookie("telops-dashboard", session).get("/balances").then().statusCode(200).extract().asString();
        assertThat(html).contains("data-account=\"" + account + "\"").contains("500 JPY")
                .contains("&lt;script&gt;alert(&#39;b&#39;)&lt;/script&gt;").doesNotContain("<script>alert(");
        assertThat(html).contains("<a href=\"/balances\" aria-current=\"page\" class=\"current\">Balances</a>");
    }

    @Test
    void theApiNeedsCredentialsAndChecksItsParameters() {
        given().get("/api/balances/accounts").then().statusCode(401);
        operator().get("/api/balances/events?size=500").then().statusCode(400).contentType("application/problem+json");
        operator().get("/api/balances/accounts/1").then().statusCode(404);
        operator().get("/api/balances/accounts/not-a-number").then().statusCode(404);
        given().redirects().follow(false).get("/balances").then().statusCode(302).header("Location", containsString("/login"));
        assertThat(given().get("/q/openapi").then().statusCode(200).extract().asString())
                .contains("/api/balances/accounts/{accountId}/events", "/api/balances/events");
    }

    private static JsonPath events(long account) {
        return operator().get("/api/balances/accounts/" + account + "/events").then().statusCode(200).extract().jsonPath();
    }
}
