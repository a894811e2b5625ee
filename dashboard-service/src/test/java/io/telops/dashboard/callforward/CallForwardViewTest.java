package io.telops.dashboard.callforward;

import static io.restassured.RestAssured.given;
import static io.telops.dashboard.TestUsers.operator;
import static io.telops.dashboard.callforward.CallForwardEvents.completed;
import static io.telops.dashboard.callforward.CallForwardEvents.dialled;
import static io.telops.dashboard.callforward.CallForwardEvents.leg;
import static io.telops.dashboard.callforward.CallForwardEvents.publish;
import static io.telops.dashboard.callforward.CallForwardEvents.received;
import static io.telops.dashboard.callforward.CallForwardEvents.smsSent;
import static io.telops.dashboard.callforward.CallForwardEvents.voicemail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.telops.contracts.Topics;
import io.telops.contracts.callforward.NumberReleased;
import io.telops.contracts.callforward.NumberRented;
import io.telops.contracts.callforward.SmsFailed;
import io.telops.contracts.callforward.SmsStatusReported;
import io.telops.dashboard.CloudEventProducer;
import io.telops.dashboard.Eventually;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.dashboard.TestUsers;

/**
 * The call-forward view through the real broker and PostgreSQL: the three paths a call can take, lines and their
 * numbers, voicemails with their SMS, events arriving out of order across keys, duplicates, and hostile text.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class CallForwardViewTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String RECORDING_HOST = "https://media.plivo.com/v1/Account/MA123/Recording/";

    @Test
    void theThreePathsOfACallAreShownLegByLegWithTheVoicemailAndItsSms() {
        String line = CallForwardEvents.lineId();
        String answeredBySip = CallForwardEvents.callUuid();
        String answeredByMobile = CallForwardEvents.callUuid();
        String toVoicemail = CallForwardEvents.callUuid();
        String recording = UUID.randomUUID().toString();
        Instant t = CallForwardEvents.now().minusSeconds(600);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, new NumberRented(line, "14155550100", "forward", "app-1", t));
            publish(producer, new NumberRented(line, "14155550199", "voicemail", "app-1", t.plusMillis(1)));
            publish(producer, CallForwardEvents.line(line, "Sales hotline", "active", 3, t.plusMillis(2)));

            publish(producer, received(answeredBySip, line, "+4930111", t.plusSeconds(10)));
            publish(producer, dialled(answeredBySip, line, "sip", "completed", "hangup", t.plusSeconds(60)));
            publish(producer, completed(answeredBySip, line, "answered", List.of(leg("sip", "completed")), 42, t.plusSeconds(61)));

            publish(producer, received(answeredByMobile, line, "+4930222", t.plusSeconds(100)));
            publish(producer, dialled(answeredByMobile, line, "sip", "no-answer", "mobile", t.plusSeconds(120)));
            publish(producer, dialled(answeredByMobile, line, "mobile", "completed", "hangup", t.plusSeconds(200)));
            publish(producer, completed(answeredByMobile, line, "answered",
                    List.of(leg("sip", "no-answer"), leg("mobile", "completed")), 100, t.plusSeconds(201)));

            publish(producer, received(toVoicemail, line, "+4930333", t.plusSeconds(300)));
            publish(producer, dialled(toVoicemail, line, "sip", "no-answer", "mobile", t.plusSeconds(320)));
            publish(producer, dialled(toVoicemail, line, "mobile", "no-answer", "voicemail", t.plusSeconds(340)));
            publish(producer, voicemail(toVoicemail, line, recording, RECORDING_HOST + recording + ".mp3", 23, "+4930333", t.plusSeconds(370)));
            publish(producer, completed(toVoicemail, line, "voicemail",
                    List.of(leg("sip", "no-answer"), leg("mobile", "no-answer")), 70, t.plusSeconds(371)));
            publish(producer, smsSent(toVoicemail, line, recording, t.plusSeconds(372)));
        }

        Eventually.within(WAIT, () -> assertThat(calls(line).getList("items")).hasSize(3));
        Eventually.within(WAIT, () -> assertThat(calls(line).getString("items[0].outcome")).isEqualTo("voicemail"));
        JsonPath calls = calls(line);
        assertThat(calls.getList("items.callUuid")).containsExactly(toVoicemail, answeredByMobile, answeredBySip);
        assertThat(calls.getList("items.path")).containsExactly(
                "SIP: no-answer -> mobile: no-answer -> voicemail 0:23",
                "SIP: no-answer -> mobile: completed",
                "SIP: completed");
        assertThat(calls.getList("items.outcome")).containsExactly("voicemail", "answered", "answered");
        assertThat(calls.getList("items.durationSeconds")).containsExactly(70, 100, 42);
        assertThat(calls.getList("items.from")).containsExactly("+4930333", "+4930222", "+4930111");
        assertThat(calls.getList("items[1].legs.leg")).containsExactly("sip", "mobile");
        assertThat(calls.getList("items[1].legs.dialStatus")).containsExactly("no-answer", "completed");
        assertThat(calls.getList("items[1].legs.next")).containsExactly("mobile", "hangup");
        assertThat(calls.getString("items[1].legs[1].targets")).isEqualTo("+4915112345678");
        assertThat(calls.getString("items[0].voicemail.recordingId")).isEqualTo(recording);
        assertThat(calls.getString("items[0].receivedAt")).isEqualTo(t.plusSeconds(300).toString());

        JsonPath lineView = operator().get("/api/call-forward/lines/" + line).then().statusCode(200).extract().jsonPath();
        assertThat(lineView.getString("name")).isEqualTo("Sales hotline");
        assertThat(lineView.getString("owner")).isEqualTo("Owner of Sales hotline");
        assertThat(lineView.getString("status")).isEqualTo("active");
        assertThat(lineView.getList("numbers.number")).containsExactly("14155550100", "14155550199");
        assertThat(lineView.getList("numbers.purpose")).containsExactly("forward", "voicemail");
        assertThat(lineView.getList("numbers.status")).containsExactly("rented", "rented");
        assertThat(lineView.getString("lastCall.callUuid")).isEqualTo(toVoicemail);
        assertThat(lineView.getString("lastCall.outcome")).isEqualTo("voicemail");
        assertThat(operator().get("/api/call-forward/lines?size=200").then().statusCode(200).extract().jsonPath()
                .getList("items.lineId")).contains(line);

        Eventually.within(WAIT, () -> assertThat(voicemails(line).getString("items[0].smsStatus")).isEqualTo("sent"));
        JsonPath voicemails = voicemails(line);
        assertThat(voicemails.getList("items")).hasSize(1);
        assertThat(voicemails.getString("items[0].recordUrl")).isEqualTo(RECORDING_HOST + recording + ".mp3");
        assertThat(voicemails.getInt("items[0].durationSeconds")).isEqualTo(23);
        assertThat(voicemails.getString("items[0].caller")).isEqualTo("+4930333");
        assertThat(voicemails.getString("items[0].callUuid")).isEqualTo(toVoicemail);
        assertThat(operator().get("/api/call-forward/lines/" + line + "/voicemails").then().statusCode(200)
                .extract().jsonPath().getList("items.recordingId")).containsExactly(recording);

        // Plivo's delivery report, then the line is released: numbers unrented, status released
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, new SmsStatusReported(toVoicemail, line, "vm-" + recording, "msg-1", "delivered", Optional.empty(), t.plusSeconds(400)));
            publish(producer, new NumberReleased(line, "14155550100", "forward", "released", t.plusSeconds(500)));
            publish(producer, new NumberReleased(line, "14155550199", "voicemail", "released", t.plusSeconds(501)));
            publish(producer, CallForwardEvents.line(line, "Sales hotline", "released", 4, t.plusSeconds(502)));
        }
        Eventually.within(WAIT, () -> assertThat(voicemails(line).getString("items[0].deliveryStatus")).isEqualTo("delivered"));
        Eventually.within(WAIT, () -> {
            JsonPath released = operator().get("/api/call-forward/lines/" + line).then().statusCode(200).extract().jsonPath();
            assertThat(released.getString("status")).isEqualTo("released");
            assertThat(released.getList("numbers.status")).containsExactly("released", "released");
        });
        assertThat(voicemails(line).getString("items[0].smsStatus")).isEqualTo("sent");
    }

    @Test
    void eventsOutOfOrderAcrossAndWithinKeysStillBuildTheSameView() {
        String line = CallForwardEvents.lineId();
        String call = CallForwardEvents.callUuid();
        String recording = UUID.randomUUID().toString();
        Instant t = CallForwardEvents.now().minusSeconds(900);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            // the call's events first (another partition may well be ahead of the line's), and within the call a
            // replayed order: hangup summary before the legs, SMS failure before the recording
            publish(producer, completed(call, line, "voicemail", List.of(leg("sip", "busy"), leg("mobile", "no-answer")), 50, t.plusSeconds(60)));
            publish(producer, new SmsFailed(call, line, "vm-" + recording, recording, "+4915112345678", 6, "Plivo 400: invalid destination", t.plusSeconds(80)));
            publish(producer, dialled(call, line, "mobile", "no-answer", "voicemail", t.plusSeconds(40)));
            publish(producer, voicemail(call, line, recording, RECORDING_HOST + recording + ".wav", 9, "+4930444", t.plusSeconds(55)));
            publish(producer, dialled(call, line, "sip", "busy", "mobile", t.plusSeconds(20)));
            publish(producer, received(call, line, "+4930444", t));
        }
        Eventually.within(WAIT, () -> assertThat(operator().get("/api/call-forward/calls/" + call).then().statusCode(200)
                .extract().jsonPath().getString("from")).isEqualTo("+4930444"));
        Eventually.within(WAIT, () -> assertThat(voicemails(line).getString("items[0].recordingId")).isEqualTo(recording));
        JsonPath view = operator().get("/api/call-forward/calls/" + call).then().statusCode(200).extract().jsonPath();
        assertThat(view.getString("path")).isEqualTo("SIP: busy -> mobile: no-answer -> voicemail 0:09");
        assertThat(view.getString("startedAt")).isEqualTo(t.toString());
        assertThat(view.getList("legs.hangupCause")).containsExactly("NO_ANSWER", "NO_ANSWER");
        JsonPath voicemails = voicemails(line);
        assertThat(voicemails.getString("items[0].smsStatus")).isEqualTo("failed");
        assertThat(voicemails.getString("items[0].smsReason")).isEqualTo("Plivo 400: invalid destination");
        assertThat(voicemails.getInt("items[0].smsAttempts")).isEqualTo(6);
        assertThat(voicemails.getInt("items[0].durationSeconds")).isEqualTo(9);

        // the line is known from its calls before its own events arrive
        JsonPath unknown = operator().get("/api/call-forward/lines/" + line).then().statusCode(200).extract().jsonPath();
        assertThat(unknown.getString("status")).isEqualTo("unknown");
        assertThat(unknown.getString("lastCall.callUuid")).isEqualTo(call);

        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, CallForwardEvents.line(line, "Support", "active", 7, t.plusSeconds(100)));
            // an older version delivered late changes nothing
            publish(producer, CallForwardEvents.line(line, "Support (old name)", "active", 6, t.plusSeconds(90)));
            publish(producer, new NumberReleased(line, "14155550777", "forward", "rollback", t.plusSeconds(95)));
            // a rental reported after its rollback, by event time, stays released
            publish(producer, new NumberRented(line, "14155550777", "forward", "app-1", t.plusSeconds(94)));
        }
        Eventually.within(WAIT, () -> assertThat(operator().get("/api/call-forward/lines/" + line).then().statusCode(200)
                .extract().jsonPath().getList("numbers.number")).contains("14155550777"));
        Eventually.within(WAIT, () -> assertThat(operator().get("/api/call-forward/lines/" + line).then().statusCode(200)
                .extract().jsonPath().getString("name")).isEqualTo("Support"));
        JsonPath known = operator().get("/api/call-forward/lines/" + line).then().statusCode(200).extract().jsonPath();
        assertThat(known.getString("status")).isEqualTo("active");
        assertThat(known.getLong("version")).isEqualTo(7);
        assertThat(known.getString("numbers.find { it.number == '14155550777' }.status")).isEqualTo("released");
        // the line-changed's own numbers count as rented even though their number-rented never came
        assertThat(known.getList("numbers.number")).contains("14155550100", "14155550199");
        assertThat(known.getString("numbers.find { it.number == '14155550100' }.status")).isEqualTo("rented");

        // released without its number-released events (still on their way): the line holds no number any more
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, CallForwardEvents.line(line, "Support", "released", 8, t.plusSeconds(200)));
        }
        Eventually.within(WAIT, () -> assertThat(operator().get("/api/call-forward/lines/" + line).then().statusCode(200)
                .extract().jsonPath().getString("status")).isEqualTo("released"));
        assertThat(operator().get("/api/call-forward/lines/" + line).then().statusCode(200).extract().jsonPath()
                .getList("numbers.status")).containsOnly("released").hasSize(3);
    }

    @Test
    void aRedeliveredCeIdIsAppliedOnce() {
        String line = CallForwardEvents.lineId();
        String call = CallForwardEvents.callUuid();
        String recording = UUID.randomUUID().toString();
        String voicemailId = UUID.randomUUID().toString();
        String receivedId = UUID.randomUUID().toString();
        Instant t = CallForwardEvents.now().minusSeconds(300);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, receivedId, received(call, line, "+4930555", t));
            publish(producer, voicemailId, voicemail(call, line, recording, RECORDING_HOST + recording + ".mp3", 31, "+4930555", t.plusSeconds(30)));
            // the same ce_ids again (relay crashed between ack and delete), bodies changed to prove which one counts
            publish(producer, receivedId, received(call, line, "+4930999", t.plusSeconds(1)));
            publish(producer, voicemailId, voicemail(call, line, recording, RECORDING_HOST + recording + ".mp3", 99, "+4930999", t.plusSeconds(31)));
            publish(producer, completed(call, line, "voicemail", List.of(), 35, t.plusSeconds(40)));
        }
        Eventually.within(WAIT, () -> assertThat(operator().get("/api/call-forward/calls/" + call).then().statusCode(200)
                .extract().jsonPath().getString("outcome")).isEqualTo("voicemail"));
        JsonPath view = operator().get("/api/call-forward/calls/" + call).then().statusCode(200).extract().jsonPath();
        assertThat(view.getString("from")).isEqualTo("+4930555");
        assertThat(view.getInt("voicemail.durationSeconds")).isEqualTo(31);
        JsonPath voicemails = voicemails(line);
        assertThat(voicemails.getList("items")).hasSize(1);
        assertThat(voicemails.getString("items[0].caller")).isEqualTo("+4930555");
        // the generic feed stored each ce_id once as well
        List<String> ids = operator().get("/api/feed/" + Topics.CALL_EVENTS + "/events?key=" + call + "&limit=50")
                .then().statusCode(200).extract().jsonPath().getList("eventId");
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void hostileTextIsEscapedAndOnlyHttpRecordingsGetAPlayer() {
        String line = CallForwardEvents.lineId();
        String call = CallForwardEvents.callUuid();
        String safe = UUID.randomUUID().toString();
        String script = UUID.randomUUID().toString();
        String hostile = "<script>alert('xss')</script>";
        Instant t = CallForwardEvents.now().minusSeconds(200);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, CallForwardEvents.line(line, "<img src=x onerror=alert(1)>", "active", 1, t));
            publish(producer, received(call, line, hostile, t.plusSeconds(1)));
            publish(producer, dialled(call, line, "sip", "no-answer", "mobile", t.plusSeconds(2)));
            publish(producer, dialled(call, line, "mobile", "timeout", "voicemail", t.plusSeconds(3)));
            publish(producer, voicemail(call, line, script, "javascript:alert(document.cookie)", 5, hostile, t.plusSeconds(4)));
            publish(producer, voicemail(call, line, safe, RECORDING_HOST + safe + ".mp3?a=1&b=\"><script>x</script>", 6, hostile, t.plusSeconds(5)));
        }
        Eventually.within(WAIT, () -> assertThat(voicemails(line).getList("items")).hasSize(2));
        String session = TestUsers.login("viewer", "secret");
        Eventually.within(WAIT, () -> given().cookie("telops-dashboard", session).get("/call-forward").then().statusCode(200)
                .body(containsString("data-call=\"" + call + "\""))
                .body(containsString("data-recording=\"" + safe + "\""))
                // the line's event has another key than the call's: another partition, maybe another consumer
                .body(containsString("&lt;img src=x onerror=alert(1)&gt;")));
        for (String page : List.of("/call-forward", LineView.href(line))) {
            String html = given().cookie("telops-dashboard", session).get(page).then().statusCode(200).extract().asString();
            assertThat(html).as(page)
                    .contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;")
                    .doesNotContain("<script>alert(")
                    .doesNotContain("<img src=x")
                    .doesNotContain("src=\"javascript:")
                    .doesNotContain("href=\"javascript:")
                    .contains("<span class=\"unplayable\" title=\"not an http(s) link\">javascript:alert(document.cookie)</span>")
                    .contains("<audio controls preload=\"none\" src=\"" + RECORDING_HOST + safe
                            + ".mp3?a=1&amp;b=&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"></audio>")
                    .doesNotContain("<script>x</script>");
        }
        String overview = given().cookie("telops-dashboard", session).get("/call-forward").then().extract().asString();
        assertThat(overview).contains("&lt;img src=x onerror=alert(1)&gt;").contains("SIP: no-answer").contains("mobile: timeout");
    }

    @Test
    void theApiNeedsCredentialsChecksItsParametersAndIsDocumented() {
        given().get("/api/call-forward/lines").then().statusCode(401);
        operator().get("/api/call-forward/lines?size=0").then().statusCode(400)
                .contentType("application/problem+json").body(containsString("size must be between 1 and 200"));
        operator().get("/api/call-forward/calls?page=-1").then().statusCode(400);
        operator().get("/api/call-forward/lines/no-such-line").then().statusCode(404).contentType("application/problem+json");
        operator().get("/api/call-forward/lines/no-such-line/calls").then().statusCode(404);
        operator().get("/api/call-forward/calls/no-such-call").then().statusCode(404);
        given().redirects().follow(false).get("/call-forward").then().statusCode(302).header("Location", containsString("/login"));
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/api/call-forward/lines", "/api/call-forward/lines/{lineId}/calls",
                "/api/call-forward/voicemails", "/api/call-forward/calls/{callUuid}");
        String session = TestUsers.login("viewer", "secret");
        given().cookie("telops-dashboard", session).get("/").then().statusCode(200)
                .body(containsString("<a href=\"/call-forward\">Call forwarding</a>"));
        given().cookie("telops-dashboard", session).get("/call-forward/lines/no-such-line").then().statusCode(404)
                .body(not(containsString("Exception")));
    }

    @Test
    void unknownTypesAndBrokenBodiesAreSkippedWithoutHoldingBackTheNextEvent() {
        String line = CallForwardEvents.lineId();
        String call = CallForwardEvents.callUuid();
        Instant t = CallForwardEvents.now().minusSeconds(100);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.send(Topics.CALL_EVENTS, call, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    "io.telops.call.something-new.v1", t), CloudEventProducer.json(Map.of("callUuid", call, "lineId", line)));
            // a call-received without its CallUUID: skipped by this view, kept by the feed
            producer.send(Topics.CALL_EVENTS, call, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    "io.telops.call.call-received.v1", t), CloudEventProducer.json(Map.of("lineId", line, "from", "x", "to", "y")));
            publish(producer, received(call, line, "+4930666", t.plusSeconds(1)));
        }
        Eventually.within(WAIT, () -> assertThat(operator().get("/api/call-forward/calls/" + call).then().statusCode(200)
                .extract().jsonPath().getString("from")).isEqualTo("+4930666"));
        assertThat(operator().get("/api/feed/" + Topics.CALL_EVENTS + "/events?key=" + call).then().statusCode(200)
                .extract().jsonPath().getList("")).hasSize(3);
    }

    private static JsonPath calls(String line) {
        return operator().get("/api/call-forward/lines/" + line + "/calls").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath voicemails(String line) {
        return operator().get("/api/call-forward/voicemails?line=" + line).then().statusCode(200).extract().jsonPath();
    }
}
