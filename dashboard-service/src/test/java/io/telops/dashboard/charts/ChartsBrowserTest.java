package io.telops.dashboard.charts;

import static io.restassured.RestAssured.given;
import static io.telops.dashboard.TestUsers.operator;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.telops.contracts.EventType;
import io.telops.contracts.Topics;
import io.telops.contracts.billing.BillingEventTypes;
import io.telops.contracts.billing.CallSettled;
import io.telops.contracts.callforward.CallCompleted;
import io.telops.contracts.callforward.CallForwardEventTypes;
import io.telops.contracts.callforward.CallForwarded;
import io.telops.contracts.callforward.CallReceived;
import io.telops.contracts.callforward.DialLeg;
import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkChangeOrigin;
import io.telops.contracts.vats.TrunkChanged;
import io.telops.contracts.vats.TrunkState;
import io.telops.contracts.vats.VatsEventTypes;
import io.telops.dashboard.BrowserTest;
import io.telops.dashboard.CloudEventProducer;
import io.telops.dashboard.Eventually;
import io.telops.dashboard.Phones;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * A scripted mix of events through Kafka, placed in hours, minutes and days no other test uses, gives each chart
 * exactly the buckets it implies: in the JSON endpoint and in the data the page hands to uPlot. Copies of events
 * (same ce_id) count once; a call whose events arrive out of order is counted once, under its final outcome and hour.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class ChartsBrowserTest extends BrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    // not an ISO code, so no other test's spend lands in it (two decimals in the page)
    private static final String CURRENCY = "QZY";

    // what the page drew: the value of one series at one bucket (epoch seconds), or null
    private static final String PLOTTED = """
            const c = window.telopsCharts[arguments[0]];
            if (!c) return 'no chart';
            const i = c.plot.data[0].indexOf(arguments[2]);
            const s = c.plot.series.findIndex(s => s.label === arguments[1]);
            return i < 0 || s < 0 ? null : c.plot.data[s][i];""";

    @Inject
    PhonesOnlineSampler sampler;

    @Test
    void eachChartHasTheBucketsTheEventsImply() throws IOException {
        Instant hour = Instant.now().minus(Duration.ofHours(6)).truncatedTo(ChronoUnit.HOURS);
        Instant minute = hour.plus(Duration.ofMinutes(13));
        Instant day = Instant.now().minus(Duration.ofDays(20)).truncatedTo(ChronoUnit.DAYS);
        String line = "line-charts-" + UUID.randomUUID();
        String forwarded = UUID.randomUUID().toString();
        String onMobile = UUID.randomUUID().toString();
        String voicemail = UUID.randomUUID().toString();
        String trunk = "charts-" + UUID.randomUUID().toString().substring(0, 8);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            // calls: answered on the desk phone and on the mobile in `hour`
            call(producer, minute, new CallReceived(forwarded, Optional.of(line), "+4930111", "14155550100", "forward", hour.plusSeconds(600)));
            call(producer, minute, dialled(forwarded, line, "sip", "completed", hour.plusSeconds(610)));
            String completed = call(producer, minute, new CallCompleted(forwarded, Optional.of(line), "answered",
                    List.of(new DialLeg("sip", Optional.of("sip:owner@phone.plivo.com"), "completed")), Optional.of("NORMAL_CLEARING"), 40,
                    hour.plusSeconds(700)));
            call(producer, minute, completed, new CallCompleted(forwarded, Optional.of(line), "answered",
                    List.of(new DialLeg("sip", Optional.of("sip:owner@phone.plivo.com"), "completed")), Optional.of("NORMAL_CLEARING"), 40,
                    hour.plusSeconds(700)));
            call(producer, minute, new CallReceived(onMobile, Optional.of(line), "+4930222", "14155550100", "forward", hour.plusSeconds(1200)));
            call(producer, minute, dialled(onMobile, line, "sip", "no-answer", hour.plusSeconds(1220)));
            call(producer, minute, dialled(onMobile, line, "mobile", "completed", hour.plusSeconds(1240)));
            call(producer, minute, new CallCompleted(onMobile, Optional.of(line), "answered",
                    List.of(new DialLeg("sip", Optional.empty(), "no-answer"), new DialLeg("mobile", Optional.empty(), "completed")),
                    Optional.of("NORMAL_CLEARING"), 60, hour.plusSeconds(1300)));
            // a voicemail whose completion comes first (counted two hours on) and whose call-received moves it back an hour
            call(producer, minute, new CallCompleted(voicemail, Optional.of(line), "voicemail", List.of(), Optional.of("NORMAL_CLEARING"), 30,
                    hour.plus(Duration.ofHours(2)).plusSeconds(60)));
            call(producer, minute, new CallReceived(voicemail, Optional.of(line), "+4930333", "14155550100", "forward",
                    hour.plus(Duration.ofHours(1)).plusSeconds(3300)));
            // spend: 1.20 + 0.80 in `hour`, 0.50 in the next; a copy of the first counts once
            String settled = settle(producer, minute, UUID.randomUUID().toString(), 120, hour.plusSeconds(600));
            settle(producer, minute, settled, 120, hour.plusSeconds(600));
            settle(producer, minute, UUID.randomUUID().toString(), 80, hour.plusSeconds(2400));
            settle(producer, minute, UUID.randomUUID().toString(), 50, hour.plus(Duration.ofHours(1)).plusSeconds(60));
            // trunk changes: one by sync and one by an operator on `day`, one by sync the day after; a copy counts once
            TrunkState on = new TrunkState("74950000001", Optional.of("Charts"), true, false, true, false, true);
            TrunkState off = new TrunkState("74950000001", Optional.of("Charts"), false, false, true, false, true);
            String appeared = trunk(producer, minute, UUID.randomUUID().toString(), new TrunkChanged(trunk, "ent-charts", "run-1",
                    TrunkChangeOrigin.SYNC, Optional.empty(), day.plusSeconds(3600), List.of(TrunkChange.APPEARED), Optional.empty(), Optional.of(on)));
            trunk(producer, minute, appeared, new TrunkChanged(trunk, "ent-charts", "run-1",
                    TrunkChangeOrigin.SYNC, Optional.empty(), day.plusSeconds(3600), List.of(TrunkChange.APPEARED), Optional.empty(), Optional.of(on)));
            trunk(producer, minute, UUID.randomUUID().toString(), new TrunkChanged(trunk, "ent-charts", "op-1",
                    TrunkChangeOrigin.OPERATOR, Optional.of("alice"), day.plusSeconds(7200), List.of(TrunkChange.DEACTIVATED), Optional.of(on), Optional.of(off)));
            trunk(producer, minute, UUID.randomUUID().toString(), new TrunkChanged(trunk, "ent-charts", "run-2",
                    TrunkChangeOrigin.SYNC, Optional.empty(), day.plus(Duration.ofDays(1)).plusSeconds(3600), List.of(TrunkChange.ACTIVATED),
                    Optional.of(off), Optional.of(on)));
            // three phone events ingested in `minute`
            for (int i = 0; i < 3; i++) {
                producer.publishReceivedAt(Phones.lineRegistered(Phones.randomMac(), Phones.now(), 1, "7400@pbx"), minute.plusSeconds(i));
            }
        }

        // the JSON endpoints: events per minute by topic (copies left out), calls, spend, trunk changes
        Eventually.within(WAIT, () -> {
            JsonPath events = chart("events");
            assertThat(value(events, Topics.CALL_EVENTS, minute)).isEqualTo(9);
            assertThat(value(events, Topics.BILLING_EVENTS, minute)).isEqualTo(3);
            assertThat(value(events, Topics.VATS_TRUNKS, minute)).isEqualTo(3);
            assertThat(value(events, Topics.PHONE_EVENTS, minute)).isEqualTo(3);
        });
        Eventually.within(WAIT, () -> {
            JsonPath calls = chart("calls");
            assertThat(value(calls, "forwarded", hour)).isEqualTo(1);
            assertThat(value(calls, "answered-on-mobile", hour)).isEqualTo(1);
            assertThat(value(calls, "voicemail", hour.plus(Duration.ofHours(1)))).isEqualTo(1);
            assertThat(value(calls, "voicemail", hour.plus(Duration.ofHours(2)))).isZero();
            JsonPath spend = chart("spend");
            assertThat(value(spend, CURRENCY, hour)).isEqualTo(200);
            assertThat(value(spend, CURRENCY, hour.plus(Duration.ofHours(1)))).isEqualTo(50);
            assertThat(spend.getString("unit")).isEqualTo("minor");
            JsonPath trunks = chart("trunk-changes");
            assertThat(trunks.getString("bucket")).isEqualTo("PT24H");
            assertThat(value(trunks, "sync", day)).isEqualTo(1);
            assertThat(value(trunks, "operator", day)).isEqualTo(1);
            assertThat(value(trunks, "sync", day.plus(Duration.ofDays(1)))).isEqualTo(1);
        });

        // phones online: two phones heard now, then a sample; it equals the overview's online figure
        String first = Phones.randomMac();
        String second = Phones.randomMac();
        CloudEventProducer.publishToTestBroker(Phones.lineRegistered(first, Phones.now(), 1, "7401@pbx"),
                Phones.lineRegistered(second, Phones.now(), 1, "7402@pbx"));
        Eventually.within(WAIT, () -> {
            operator().get("/api/phones/" + first).then().statusCode(200);
            operator().get("/api/phones/" + second).then().statusCode(200);
        });
        Instant sampledAt = Instant.now();
        long online = sampler.sample(sampledAt);
        long overviewOnline = operator().get("/api/overview").then().statusCode(200).extract().jsonPath()
                .getLong("phones.find { it.key == 'online' }.count");
        assertThat(online).isGreaterThanOrEqualTo(2).isEqualTo(overviewOnline);
        assertThat(value(chart("phones-online"), "online", sampledAt.truncatedTo(ChronoUnit.MINUTES))).isEqualTo(online);

        // the page draws the same buckets, with its library served by this service
        signIn();
        browser.get(base + "charts");
        assertThat(browser.getTitle()).isEqualTo("Charts · Telops");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        chromium.liveWait(WAIT).until(d -> js.executeScript("return window.telopsChartsLoaded >= 1 && typeof uPlot === 'function';")
                .equals(Boolean.TRUE));
        assertThat(js.executeScript("return [...document.scripts].map(s => s.src).filter(s => s && !s.startsWith(location.origin)).length;"))
                .as("every script comes from the service itself").isEqualTo(0L);
        assertThat(plotted(js, "events", Topics.CALL_EVENTS, minute)).isEqualTo(9.0);
        assertThat(plotted(js, "events", Topics.PHONE_EVENTS, minute)).isEqualTo(3.0);
        assertThat(plotted(js, "calls", "forwarded", hour)).isEqualTo(1.0);
        assertThat(plotted(js, "calls", "answered-on-mobile", hour)).isEqualTo(1.0);
        assertThat(plotted(js, "calls", "voicemail", hour.plus(Duration.ofHours(1)))).isEqualTo(1.0);
        assertThat(plotted(js, "calls", "voicemail", hour.plus(Duration.ofHours(2)))).isEqualTo(0.0);
        // money in the currency's unit: 2.00 and 0.50
        assertThat(plotted(js, "spend", CURRENCY, hour)).isEqualTo(2.0);
        assertThat(plotted(js, "spend", CURRENCY, hour.plus(Duration.ofHours(1)))).isEqualTo(0.5);
        assertThat(plotted(js, "trunk-changes", "operator", day)).isEqualTo(1.0);
        assertThat(plotted(js, "trunk-changes", "sync", day.plus(Duration.ofDays(1)))).isEqualTo(1.0);
        assertThat(plotted(js, "phones-online", "online", sampledAt.truncatedTo(ChronoUnit.MINUTES))).isEqualTo((double) online);
        assertThat(browser.findElements(org.openqa.selenium.By.cssSelector("figure.chart canvas"))).hasSize(Chart.values().length);
        chromium.screenshot("charts.png");
    }

    @Test
    void theChartApiNeedsCredentialsAndChecksItsParameters() {
        given().get("/api/charts/events").then().statusCode(401);
        operator().get("/api/charts/nothing").then().statusCode(404).contentType("application/problem+json");
        operator().get("/api/charts/events?hours=0").then().statusCode(400).contentType("application/problem+json");
        operator().get("/api/charts/events?hours=49").then().statusCode(400);
        operator().get("/api/charts/calls?hours=48").then().statusCode(200);
        assertThat(operator().get("/api/charts").then().statusCode(200).extract().jsonPath().getList("id"))
                .containsExactly("events", "calls", "spend", "trunk-changes", "phones-online");
    }

    private static double plotted(JavascriptExecutor js, String chart, String series, Instant at) {
        Object value = js.executeScript(PLOTTED, chart, series, at.getEpochSecond());
        assertThat(value).as("%s / %s at %s in the page", chart, series, at).isInstanceOf(Number.class);
        return ((Number) value).doubleValue();
    }

    static JsonPath chart(String id) {
        return operator().get("/api/charts/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** A bucket's value, 0 when the endpoint left it out. */
    static long value(JsonPath chart, String series, Instant at) {
        List<Object> values = chart.getList("series.find { it.label == '" + series + "' }.points.findAll { it.at == '"
                + at + "' }.value");
        return values == null || values.isEmpty() ? 0 : ((Number) values.get(0)).longValue();
    }

    private static CallForwarded dialled(String call, String line, String leg, String status, Instant at) {
        boolean answered = status.equals("completed");
        return new CallForwarded(call, line, leg, List.of(leg.equals("sip") ? "sip:owner@phone.plivo.com" : "+4915112345678"), status,
                Optional.of(answered ? "NORMAL_CLEARING" : "NO_ANSWER"), answered ? Optional.of(UUID.randomUUID().toString()) : Optional.empty(),
                answered ? "hangup" : "next", at);
    }

    private static String call(CloudEventProducer producer, Instant receivedAt, io.telops.contracts.callforward.CallForwardEvent event) {
        return call(producer, receivedAt, UUID.randomUUID().toString(), event);
    }

    private static String call(CloudEventProducer producer, Instant receivedAt, String id, io.telops.contracts.callforward.CallForwardEvent event) {
        String callUuid = event instanceof CallReceived r ? r.callUuid() : event instanceof CallForwarded f ? f.callUuid()
                : ((CallCompleted) event).callUuid();
        send(producer, Topics.CALL_EVENTS, callUuid, id, CallForwardEventTypes.of(event), event, event.occurredAt(), receivedAt);
        return id;
    }

    private static String settle(CloudEventProducer producer, Instant receivedAt, String id, long amount, Instant at) {
        CallSettled settled = new CallSettled(990_001L, "charts", "1700000000." + id.substring(0, 6), "004930555", "49", 60, 60,
                amount, 0, CURRENCY, at);
        send(producer, Topics.BILLING_EVENTS, "990001", id, BillingEventTypes.CALL_SETTLED, settled, at, receivedAt);
        return id;
    }

    private static String trunk(CloudEventProducer producer, Instant receivedAt, String id, TrunkChanged change) {
        send(producer, Topics.VATS_TRUNKS, change.trunkId(), id, VatsEventTypes.TRUNK_CHANGED, change, change.observedAt(), receivedAt);
        return id;
    }

    private static void send(CloudEventProducer producer, String topic, String key, String id, EventType<?> type, Object body,
                             Instant time, Instant receivedAt) {
        producer.send(topic, key, CloudEventProducer.headers(id, type.type(), time), CloudEventProducer.json(body), receivedAt);
    }
}
