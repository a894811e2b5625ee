package io.telops.dashboard.overview;

import static io.restassured.RestAssured.given;
import static io.telops.dashboard.TestUsers.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.telops.contracts.Topics;
import io.telops.contracts.billing.BalanceLow;
import io.telops.contracts.billing.BalanceRecovered;
import io.telops.contracts.billing.BillingEvent;
import io.telops.contracts.billing.BillingEventTypes;
import io.telops.contracts.billing.CallAuthorised;
import io.telops.contracts.billing.CallRefused;
import io.telops.contracts.billing.CallSettled;
import io.telops.contracts.callforward.CallCompleted;
import io.telops.contracts.callforward.CallForwardEvent;
import io.telops.contracts.callforward.CallForwardEventTypes;
import io.telops.contracts.callforward.CallReceived;
import io.telops.contracts.callforward.DialLeg;
import io.telops.contracts.callforward.SmsFailed;
import io.telops.contracts.callforward.VoicemailRecorded;
import io.telops.contracts.phone.Party;
import io.telops.dashboard.CloudEventProducer;
import io.telops.dashboard.Eventually;
import io.telops.dashboard.Phones;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.dashboard.TestUsers;

/**
 * The overview at {@code /}: today's figures after a scripted mix of phone, call-forward and billing events, and
 * the needs-attention list, across the real broker into the PostgreSQL read model. Figures are compared with the
 * ones read before the events, since other tests' data shares the database.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class OverviewTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration THREE_HOURS = Duration.ofHours(3);
    private static final String LINE = "line-overview";
    // not an ISO code, so no other test's spend lands in it (shown with two decimals)
    private static final String CURRENCY = "QZX";

    static JsonPath overview() {
        return operator().get("/api/overview").then().statusCode(200).extract().jsonPath();
    }

    /** Every figure of the overview by "group.key", e.g. "calls.voicemail". */
    static Map<String, Long> figures() {
        JsonPath overview = overview();
        Map<String, Long> figures = new HashMap<>();
        for (String group : List.of("phones", "calls", "voicemails", "billing", "trunks", "devices")) {
            List<Map<String, Object>> list = overview.getList(group);
            list.forEach(f -> figures.put(group + "." + f.get("key"), ((Number) f.get("count")).longValue()));
        }
        return figures;
    }

    @Test
    void theOverviewCountsAScriptedMixOfEvents() {
        Map<String, Long> before = figures();
        Instant t = Phones.now();
        String online = Phones.randomMac();
        String inCall = Phones.randomMac();
        String offline = Phones.randomMac();
        String sip = uuid();
        String mobile = uuid();
        String voicemail = uuid();
        String rejected = uuid();
        String open = uuid();
        long account = ThreadLocalRandom.current().nextLong(1_000_000, Long.MAX_VALUE / 2);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.publish(Phones.lineRegistered(online, t, 1, "7001@pbx"));
            producer.publish(Phones.lineRegistered(inCall, t, 1, "7002@pbx"));
            producer.publish(Phones.callState(inCall, t.plusMillis(1), "call-" + inCall, "Connected",
                    new Party("Caller", "7100"), new Party("Desk", "7002")));
            producer.publishReceivedAt(Phones.lineRegistered(offline, t, 1, "7003@pbx"), t.minus(THREE_HOURS));

            call(producer, sip, t, "answered", List.of(leg("sip", "completed")));
            call(producer, mobile, t, "answered", List.of(leg("sip", "no-answer"), leg("mobile", "completed")));
            call(producer, voicemail, t, "voicemail", List.of(leg("sip", "no-answer"), leg("mobile", "busy")));
            call(producer, rejected, t, "rejected", List.of());
            publish(producer, open, new CallReceived(open, Optional.of(LINE), "+4930999", "14155550100", "forward", t));
            String recording = "rec-" + voicemail;
            publish(producer, voicemail, new VoicemailRecorded(voicemail, LINE, recording, "https://example.com/" + recording, 12, "+4930111", t.plusSeconds(30)));
            publish(producer, voicemail, new SmsFailed(voicemail, LINE, "vm-" + recording, recording, "+4915112345678", 3, "carrier refused", t.plusSeconds(31)));

            billing(producer, account, new CallAuthorised(account, "ov", "u1-" + account, "+4930111", "0049301", "49", 600, 300, CURRENCY, t));
            billing(producer, account, new CallAuthorised(account, "ov", "u2-" + account, "+4930111", "0049302", "49", 600, 300, CURRENCY, t));
            billing(producer, account, new CallSettled(account, "ov", "u1-" + account, "0049301", "49", 65, 120, 120, 180, CURRENCY, t.plusSeconds(70)));
            billing(producer, account, new CallRefused(Optional.of(account), "u3-" + account, "+4930111", "0049309", "INSUFFICIENT_BALANCE", t));
        }
        Map<String, Long> expected = new HashMap<>(before);
        expected.merge("phones.online", 2L, Long::sum);     // online and inCall
        expected.merge("phones.in-call", 1L, Long::sum);
        expected.merge("phones.offline", 1L, Long::sum);
        expected.merge("calls.forwarded", 1L, Long::sum);
        expected.merge("calls.answered-on-mobile", 1L, Long::sum);
        expected.merge("calls.voicemail", 1L, Long::sum);
        expected.merge("calls.refused", 1L, Long::sum);
        expected.merge("calls.in-progress", 1L, Long::sum);
        expected.merge("voicemails.recorded", 1L, Long::sum);
        expected.merge("voicemails.sms-failed", 1L, Long::sum);
        expected.merge("billing.authorised", 2L, Long::sum);
        expected.merge("billing.refused", 1L, Long::sum);
        Eventually.within(WAIT, () -> assertThat(figures()).containsAllEntriesOf(expected));
        // one settled call of 120 minor units
        assertThat(overview().getList("spend", String.class)).contains("1.20 " + CURRENCY);
    }

    @Test
    void anAccountBelowItsThresholdIsListedUntilItRecoversInLedgerOrder() {
        long account = ThreadLocalRandom.current().nextLong(1_000_000L, 1L << 50);
        long before = figures().get("billing.low-balance");
        Instant t = Phones.now().minusSeconds(300);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            billing(producer, account, new BalanceLow(account, "low-user", 350, 500, "EUR", t, Optional.of(7L)));
        }
        String link = "/balances#account-" + account;
        Eventually.within(WAIT, () -> assertThat(attentionLinks()).contains(link));
        JsonPath attention = attention();
        int index = attention.getList("link").indexOf(link);
        assertThat(attention.getString("[" + index + "].kind")).isEqualTo("BALANCE_LOW");
        assertThat(attention.getString("[" + index + "].subject")).isEqualTo("Account " + account + " (low-user)");
        assertThat(attention.getString("[" + index + "].detail")).isEqualTo("balance 3.50 EUR below its threshold of 5.00 EUR");
        assertThat(Instant.parse(attention.getString("[" + index + "].since"))).isEqualTo(t);
        assertThat(figures().get("billing.low-balance")).isEqualTo(before + 1);
        String session = TestUsers.login("viewer", "secret");
        given().cookie("telops-dashboard", session).get("/balances").then().statusCode(200)
                .body(containsString("id=\"account-" + account + "\" class=\"low-balance\""))
                .body(containsString("below 5.00 EUR"));
        given().cookie("telops-dashboard", session).get("/").then().statusCode(200)
                .body(containsString("<a href=\"" + link + "\">Account " + account + " (low-user)</a>"));

        // recovered by the top-up of ledger sequence 9; the crossing of sequence 8, delivered late, does not reopen it
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            billing(producer, account, new BalanceRecovered(account, "low-user", 2350, 500, "EUR", t.plusSeconds(60), Optional.of(9L)));
            billing(producer, account, new BalanceLow(account, "low-user", 100, 500, "EUR", t.plusSeconds(120), Optional.of(8L)));
        }
        Eventually.within(WAIT, () -> assertThat(operator().get("/api/balances/accounts/" + account + "/events").then().statusCode(200)
                .extract().jsonPath().getList("items.kind")).hasSize(3));
        assertThat(attentionLinks()).doesNotContain(link);
        assertThat(figures().get("billing.low-balance")).isEqualTo(before);
        given().cookie("telops-dashboard", session).get("/balances").then().statusCode(200)
                .body(containsString("id=\"account-" + account + "\">"));
    }

    @Test
    void theOverviewPageLinksEachFigureToItsFilteredPage() {
        String session = TestUsers.login("viewer", "secret");
        given().cookie("telops-dashboard", session).get("/").then().statusCode(200)
                .body(containsString("<title>Overview · Telops</title>"))
                .body(containsString("href=\"/phones?status=offline\" data-figure=\"phones.offline\""))
                .body(containsString("href=\"/trunks?state=binding-lost\" data-figure=\"trunks.binding-lost\""))
                .body(containsString("href=\"/devices?status=auth-failing\" data-figure=\"devices.auth-failures\""))
                .body(containsString("<a href=\"/\" aria-current=\"page\""))
                .body(containsString("id=\"attention\""));
        given().cookie("telops-dashboard", session).get("/phones").then().statusCode(200)
                .body(containsString("<title>Phones · Telops</title>"))
                .body(containsString("<a href=\"/phones\" aria-current=\"page\""))
                .body(containsString("id=\"cards\""));
    }

    @Test
    void theOverviewApiNeedsCredentialsAndTheFormSessionDoesNotOpenIt() {
        given().get("/api/overview").then().statusCode(401);
        given().get("/api/overview/attention").then().statusCode(401);
        given().cookie("telops-dashboard", TestUsers.login("viewer", "secret")).get("/api/overview").then().statusCode(401);
        given().auth().preemptive().basic("viewer", "wrong").get("/api/overview").then().statusCode(401);
    }

    @Test
    void aCallFigureLinksToTheCallsOfThatOutcome() {
        String sip = uuid();
        String mobile = uuid();
        Instant t = Phones.now();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            call(producer, sip, t, "answered", List.of(leg("sip", "completed")));
            call(producer, mobile, t, "answered", List.of(leg("sip", "no-answer"), leg("mobile", "completed")));
        }
        Eventually.within(WAIT, () -> operator().get("/api/call-forward/calls/" + mobile).then().statusCode(200)
                .body("outcome", equalTo("answered")));
        String session = TestUsers.login("viewer", "secret");
        given().cookie("telops-dashboard", session).get("/").then().statusCode(200)
                .body(containsString("href=\"/call-forward?outcome=answered-on-mobile#cf-calls\" data-figure=\"calls.answered-on-mobile\""));
        given().cookie("telops-dashboard", session).get("/call-forward?outcome=answered-on-mobile").then().statusCode(200)
                .body(containsString("data-call=\"" + mobile + "\""))
                .body(not(containsString("data-call=\"" + sip + "\"")));
        given().cookie("telops-dashboard", session).get("/call-forward?outcome=forwarded").then().statusCode(200)
                .body(containsString("data-call=\"" + sip + "\""))
                .body(not(containsString("data-call=\"" + mobile + "\"")));
    }

    @Test
    void aQuietPhoneIsListedOncePastTheThresholdAndClearedWhenItComesBack() {
        String quiet = Phones.randomMac();
        String justOffline = Phones.randomMac();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            // offline since 1 h (3 h silent - 2 h offline-after): past the 30 min threshold
            producer.publishReceivedAt(Phones.lineRegistered(quiet, Phones.now(), 1, "7201@pbx"), Phones.now().minus(THREE_HOURS));
            // offline since 10 min (2 h 10 min silent): not yet
            producer.publishReceivedAt(Phones.lineRegistered(justOffline, Phones.now(), 1, "7202@pbx"),
                    Phones.now().minus(Duration.ofMinutes(130)));
        }
        Eventually.within(WAIT, () -> assertThat(attentionLinks()).contains("/phones/" + quiet));
        JsonPath attention = attention();
        int index = attention.getList("link").indexOf("/phones/" + quiet);
        assertThat(attention.getString("[" + index + "].kind")).isEqualTo("PHONE_OFFLINE");
        Instant since = Instant.parse(attention.getString("[" + index + "].since"));
        assertThat(since).isBetween(Instant.now().minus(Duration.ofMinutes(61)), Instant.now().minus(Duration.ofMinutes(59)));
        assertThat(attentionLinks()).doesNotContain("/phones/" + justOffline);
        String session = TestUsers.login("viewer", "secret");
        given().cookie("telops-dashboard", session).get("/").then().statusCode(200)
                .body(containsString("<a href=\"/phones/" + quiet + "\">Phone " + quiet + "</a>"));

        CloudEventProducer.publishToTestBroker(Phones.lineRegistered(quiet, Phones.now(), 1, "7201@pbx"));
        Eventually.within(WAIT, () -> assertThat(attentionLinks()).doesNotContain("/phones/" + quiet));
    }

    @Test
    void aFailedVoicemailSmsIsListedWithItsReasonNewestFirst() {
        String call = uuid();
        String line = "line-" + uuid();
        String recording = "rec-" + call;
        Instant t = Phones.now();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, call, new VoicemailRecorded(call, line, recording, "https://example.com/" + recording, 9, "+4930111", t));
            publish(producer, call, new SmsFailed(call, line, "vm-" + recording, recording, "+4915100000001", 3, "absent subscriber", t.plusSeconds(1)));
        }
        Eventually.within(WAIT, () -> assertThat(attentionLinks()).contains("/call-forward/lines/" + line));
        JsonPath attention = attention();
        int index = attention.getList("link").indexOf("/call-forward/lines/" + line);
        assertThat(attention.getString("[" + index + "].kind")).isEqualTo("SMS_FAILED");
        assertThat(attention.getString("[" + index + "].detail")).contains("absent subscriber");
        List<Instant> since = attention.getList("since", String.class).stream().map(Instant::parse).toList();
        assertThat(since).isSortedAccordingTo(Comparator.reverseOrder());
    }

    static JsonPath attention() {
        return operator().get("/api/overview/attention").then().statusCode(200).extract().jsonPath();
    }

    static List<String> attentionLinks() {
        return attention().getList("link", String.class);
    }

    private static void call(CloudEventProducer producer, String call, Instant t, String outcome, List<DialLeg> path) {
        publish(producer, call, new CallReceived(call, Optional.of(LINE), "+4930111", "14155550100", "forward", t));
        publish(producer, call, new CallCompleted(call, Optional.of(LINE), outcome, path, Optional.of("NORMAL_CLEARING"), 42, t.plusSeconds(60)));
    }

    private static DialLeg leg(String leg, String status) {
        return new DialLeg(leg, Optional.of(leg.equals("sip") ? "sip:owner@phone.plivo.com" : "+4915112345678"), status);
    }

    static void publish(CloudEventProducer producer, String key, CallForwardEvent event) {
        producer.send(Topics.CALL_EVENTS, key, CloudEventProducer.headers(uuid(), CallForwardEventTypes.of(event).type(),
                event.occurredAt()), CloudEventProducer.json(event));
    }

    static void billing(CloudEventProducer producer, long account, BillingEvent event) {
        producer.send(Topics.BILLING_EVENTS, Long.toString(account), CloudEventProducer.headers(uuid(),
                BillingEventTypes.of(event).type(), event.occurredAt()), CloudEventProducer.json(event));
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }
}
