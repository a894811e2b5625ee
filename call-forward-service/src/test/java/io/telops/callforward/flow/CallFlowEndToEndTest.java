package io.telops.callforward.flow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.telops.callforward.fake.CallEventsProbe.Event;
import io.telops.callforward.fake.PlivoCallDriver;
import io.telops.callforward.fake.PlivoCallDriver.Callee;
import io.telops.callforward.fake.PlivoCallDriver.Message;
import io.telops.callforward.fake.PlivoDrivenTest;
import io.telops.callforward.fake.PlivoFake;
import io.telops.callforward.fake.PlivoFake.Scripted;
import io.telops.callforward.fake.PlivoFakeResource;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.MongoTestResource;

/** Whole calls, driven as Plivo would drive them, through the real service, MongoDB wire server and Kafka. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(PlivoFakeResource.class)
class CallFlowEndToEndTest extends PlivoDrivenTest {
    static final String SIP = "sip:alice123@phone.plivo.com";
    static final String MOBILE = "14155559911";
    static final String CALLER = "14155550111";
    static final Duration WAIT = Duration.ofSeconds(20);

    static JsonPath createLine(String settingsJson, boolean voicemailNumber) {
        return given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON)
                .body("{\"settings\":" + settingsJson + ",\"rental\":{\"countryIso\":\"US\",\"type\":\"local\",\"voicemailNumber\":"
                        + voicemailNumber + "}}")
                .when().post("/api/lines").then().statusCode(201).extract().jsonPath();
    }

    static String settings(String extra) {
        return "{\"name\":\"Support desk\",\"owner\":\"alice\",\"sipEndpoint\":\"" + SIP + "\",\"mobile\":\"+" + MOBILE + "\""
                + ",\"sipTimeoutSeconds\":15,\"mobileTimeoutSeconds\":20" + extra + "}";
    }

    List<Event> callEvents(String callUuid, int atLeast) {
        return events.ofKey(callUuid, atLeast, WAIT);
    }

    static List<String> types(List<Event> es) {
        return es.stream().map(Event::type).toList();
    }

    @Test
    void sipAnswers() {
        JsonPath line = createLine(settings(""), false);
        PlivoCallDriver.Call call = plivo.call(CALLER, line.getString("forwardNumber"), Map.of(SIP, Callee.answers()), Optional.empty());

        assertThat(call.steps()).extracting(Object::toString).containsExactly(
                "speak:Please wait while we are forwarding your call", "dial:" + SIP + "=completed", "hangup:");
        List<Event> es = callEvents(call.callUuid(), 3);
        assertThat(types(es)).containsExactly("io.telops.call.call-received.v1", "io.telops.call.call-forwarded.v1",
                "io.telops.call.call-completed.v1");
        assertThat(es.get(0).body().path("route").asText()).isEqualTo("forward");
        assertThat(es.get(0).body().path("lineId").asText()).isEqualTo(line.getString("id"));
        assertThat(es.get(1).body().path("leg").asText()).isEqualTo("sip");
        assertThat(es.get(1).body().path("dialStatus").asText()).isEqualTo("completed");
        assertThat(es.get(1).body().path("next").asText()).isEqualTo("hangup");
        assertThat(es.get(1).body().path("bLegUuid").asText()).isNotBlank();
        assertThat(es.get(2).body().path("outcome").asText()).isEqualTo("answered");
        assertThat(es).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo("/call-forward-service");
            assertThat(e.headers()).containsEntry("ce_specversion", "1.0").containsKey("ce_time");
        });
    }

    @Test
    void sipNoAnswerThenMobileAnswers() {
        JsonPath line = createLine(settings(""), false);
        PlivoCallDriver.Call call = plivo.call(CALLER, line.getString("forwardNumber"), Map.of(MOBILE, Callee.answers()), Optional.empty());

        assertThat(call.dials()).containsExactly(SIP + "=no-answer", MOBILE + "=completed");
        assertThat(call.kinds()).containsExactly("speak", "dial", "dial", "hangup");
        List<Event> es = callEvents(call.callUuid(), 4);
        assertThat(types(es)).containsExactly("io.telops.call.call-received.v1", "io.telops.call.call-forwarded.v1",
                "io.telops.call.call-forwarded.v1", "io.telops.call.call-completed.v1");
        assertThat(es.get(1).body().path("next").asText()).isEqualTo("mobile");
        assertThat(es.get(2).body().path("leg").asText()).isEqualTo("mobile");
        JsonPath callView = given().auth().preemptive().basic("viewer", "secret").get("/api/calls/" + call.callUuid())
                .then().statusCode(200).extract().jsonPath();
        assertThat(callView.getList("path.leg")).containsExactly("sip", "mobile");
        assertThat(callView.getList("path.dialStatus")).containsExactly("no-answer", "completed");
        assertThat(es.get(3).body().path("path").size()).isEqualTo(2);
        assertThat(fake.messages()).isEmpty();
    }

    @Test
    void nobodyAnswersVoicemailIsRecordedAndExactlyOneSmsCarriesTheLink() {
        JsonPath line = createLine(settings(""), false);
        PlivoCallDriver.Call call = plivo.call(CALLER, line.getString("forwardNumber"),
                Map.of(SIP, Callee.doesNotAnswer(), MOBILE, Callee.busy()), Optional.of(new Message(12)));

        assertThat(call.steps()).extracting(Object::toString).containsExactly(
                "speak:Please wait while we are forwarding your call", "dial:" + SIP + "=no-answer", "dial:" + MOBILE + "=busy",
                "speak:The person you are calling is not reachable", "speak:Please leave your message after the beep", "record:" + call.recordParams().orElseThrow().get("RecordingID"),
                "speak:Thank you, your message has been recorded", "hangup:");
        // Plivo retries the Record action when it misses our answer: replay it twice
        Map<String, String> record = call.recordParams().orElseThrow();
        URI recordAction = URI.create("https://forward.example.com:8443/plivo/recorded?line=" + line.getString("id"));
        plivo.post(recordAction, record);
        plivo.post(recordAction, record);

        List<Event> es = events.await(e -> call.callUuid().equals(e.key()) && e.type().endsWith("sms-sent.v1"), 1, WAIT);
        assertThat(es).hasSize(1);
        // a replay may republish an event the relay already sent, under the same ce_id: consumers count it once
        List<Event> all = callEvents(call.callUuid(), 6).stream()
                .collect(java.util.stream.Collectors.toMap(Event::id, e -> e, (a, b) -> a, LinkedHashMap::new)).values().stream().toList();
        assertThat(types(all)).containsOnlyOnce("io.telops.call.voicemail-recorded.v1", "io.telops.call.sms-sent.v1",
                "io.telops.call.call-completed.v1");
        Event vm = all.stream().filter(e -> e.type().endsWith("voicemail-recorded.v1")).findFirst().orElseThrow();
        assertThat(vm.body().path("recordUrl").asText()).isEqualTo(record.get("RecordUrl"));
        assertThat(vm.body().path("durationSeconds").asInt()).isEqualTo(12);
        Event done = all.stream().filter(e -> e.type().endsWith("call-completed.v1")).findFirst().orElseThrow();
        assertThat(done.body().path("outcome").asText()).isEqualTo("voicemail");

        List<PlivoFake.SentMessage> sms = fake.messages();
        assertThat(sms).hasSize(1);
        assertThat(sms.get(0).dst()).isEqualTo(MOBILE);
        assertThat(sms.get(0).src()).isEqualTo(line.getString("forwardNumber"));
        assertThat(sms.get(0).text()).contains(record.get("RecordUrl")).contains(CALLER).contains("Support desk");
        assertThat(sms.get(0).url()).startsWith("https://forward.example.com:8443/plivo/message-status?sms=");

        JsonPath vms = given().auth().preemptive().basic("viewer", "secret").get("/api/lines/" + line.getString("id") + "/voicemails")
                .then().statusCode(200).extract().jsonPath();
        assertThat(vms.getList("recordingId")).containsExactly(record.get("RecordingID"));
        assertThat(vms.getString("[0].sms.status")).isEqualTo("SENT");
        assertThat(vms.getInt("[0].sms.attempts")).isEqualTo(1);

        // the delivery report comes back as a messaging callback signed with V2
        URI statusUrl = URI.create(sms.get(0).url());
        HttpResponse<String> forged = plivo.postMessagingCallback(statusUrl,
                Map.of("MessageUUID", sms.get(0).uuid(), "Status", "delivered"), "not-the-token");
        assertThat(forged.statusCode()).isEqualTo(403);
        HttpResponse<String> report = plivo.postMessagingCallback(statusUrl,
                Map.of("MessageUUID", sms.get(0).uuid(), "Status", "delivered", "To", MOBILE, "From", sms.get(0).src()), PlivoFake.AUTH_TOKEN);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(events.await(e -> call.callUuid().equals(e.key()) && e.type().endsWith("sms-status-reported.v1"), 1, WAIT))
                .singleElement().satisfies(e -> assertThat(e.body().path("status").asText()).isEqualTo("delivered"));
        given().auth().preemptive().basic("viewer", "secret").get("/api/lines/" + line.getString("id") + "/voicemails")
                .then().statusCode(200).extract().jsonPath().getString("[0].sms.deliveryStatus").equals("delivered");
    }

    @Test
    void outsideBusinessHoursGoesStraightToVoicemail() {
        LocalTime from = LocalTime.now(ZoneOffset.UTC).plusHours(6).withSecond(0).withNano(0);
        String schedule = ",\"schedule\":{\"zone\":\"Europe/Moscow\",\"windows\":[{\"days\":[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\","
                + "\"THURSDAY\",\"FRIDAY\",\"SATURDAY\",\"SUNDAY\"],\"from\":\"" + from.plusHours(3) + "\",\"to\":\""
                + from.plusHours(3).plusMinutes(1) + "\"}]}";
        JsonPath line = createLine(settings(schedule), false);
        PlivoCallDriver.Call call = plivo.call(CALLER, line.getString("forwardNumber"), Map.of(SIP, Callee.answers()),
                Optional.of(new Message(5)));

        assertThat(call.kinds()).containsExactly("speak", "speak", "record", "speak", "hangup");
        assertThat(call.spoken().get(0)).isEqualTo("The person you are calling is not reachable");
        assertThat(call.dials()).isEmpty();
        List<Event> es = callEvents(call.callUuid(), 3);
        assertThat(es.get(0).body().path("route").asText()).isEqualTo("voicemail-after-hours");
        assertThat(events.await(e -> call.callUuid().equals(e.key()) && e.type().endsWith("sms-sent.v1"), 1, WAIT)).hasSize(1);
        assertThat(fake.messages()).hasSize(1);
    }

    @Test
    void whisperKeepsTheMobilesOwnVoicemailFromTakingTheCall() {
        JsonPath line = createLine(settings(",\"whisper\":true"), true);
        PlivoCallDriver.Call call = plivo.call(CALLER, line.getString("forwardNumber"),
                Map.of(MOBILE, Callee.ownVoicemail()), Optional.empty());
        assertThat(call.steps()).extracting(Object::toString).contains("whisper:Call for Support desk, press 1 to accept");
        assertThat(call.dials()).containsExactly(SIP + "=no-answer", MOBILE + "=no-answer");
        assertThat(call.kinds()).endsWith("speak", "record", "speak", "hangup");
        // the voicemail number goes straight to voicemail
        PlivoCallDriver.Call direct = plivo.call(CALLER, line.getString("voicemailNumber"), Map.of(), Optional.empty());
        assertThat(direct.kinds()).containsExactly("speak", "record", "speak", "hangup");
        assertThat(callEvents(direct.callUuid(), 1).get(0).body().path("route").asText()).isEqualTo("voicemail-number");
    }

    @Test
    void theNextCallFollowsAnUpdateOrAReleaseOfItsLineAtOnce() {
        JsonPath line = createLine(settings(""), false);
        String number = line.getString("forwardNumber");
        // the first call loads the line into the callbacks' cache
        assertThat(plivo.call(CALLER, number, Map.of(SIP, Callee.answers()), Optional.empty()).spoken())
                .containsExactly("Please wait while we are forwarding your call");
        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON)
                .header("If-Match", "\"" + line.getLong("version") + "\"")
                .body(settings(",\"greetings\":{\"forwarding\":\"One moment please\"},\"sipTimeoutSeconds\":30"))
                .put("/api/lines/" + line.getString("id")).then().statusCode(200);
        PlivoCallDriver.Call afterUpdate = plivo.call(CALLER, number, Map.of(SIP, Callee.answers()), Optional.empty());
        assertThat(afterUpdate.spoken()).containsExactly("One moment please");
        assertThat(afterUpdate.documents().get(0).names()).containsExactly("Speak", "Dial");
        assertThat(afterUpdate.documents().get(0).get(1).attr("timeout")).isEqualTo("30");

        given().auth().preemptive().basic("admin", "secret").delete("/api/lines/" + line.getString("id")).then().statusCode(200);
        PlivoCallDriver.Call afterRelease = plivo.call(CALLER, number, Map.of(SIP, Callee.answers()), Optional.empty());
        assertThat(afterRelease.steps()).extracting(Object::toString).containsExactly("hangup:rejected");
        assertThat(callEvents(afterRelease.callUuid(), 1).get(0).body().path("route").asText()).isEqualTo("unknown-number");
    }

    @Test
    void blockedAndUnknownCallersAreRejectedWithoutAnswer() {
        JsonPath line = createLine(settings(",\"blockList\":[\"1900*\"]"), false);
        PlivoCallDriver.Call blocked = plivo.call("19005550000", line.getString("forwardNumber"), Map.of(), Optional.empty());
        assertThat(blocked.steps()).extracting(Object::toString).containsExactly("hangup:rejected");
        PlivoCallDriver.Call unknown = plivo.call(CALLER, "19999999999", Map.of(), Optional.empty());
        assertThat(unknown.steps()).extracting(Object::toString).containsExactly("hangup:rejected");
        assertThat(callEvents(blocked.callUuid(), 2)).extracting(e -> e.body().path("route").asText(""))
                .contains("rejected-blocked");
        assertThat(callEvents(unknown.callUuid(), 2).get(1).body().path("outcome").asText()).isEqualTo("rejected");
    }

    @Test
    void badMissingOrTamperedSignaturesGet403AndAreCounted() {
        URI answer = URI.create("https://forward.example.com:8443/plivo/answer");
        Map<String, String> params = new LinkedHashMap<>(Map.of("CallUUID", "c-1", "From", CALLER, "To", "14150000000"));
        double before = rejected();
        HttpResponse<String> none = plivo.send(answer, PlivoCallDriver.form(params), Map.of());
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        Map<String, String> tampered = new LinkedHashMap<>(params);
        tampered.put("From", "14155550999");
        assertThat(plivo.postSigned(answer, params, Optional.of(tampered)).statusCode()).isEqualTo(403);
        assertThat(plivo.send(answer, PlivoCallDriver.form(params), Map.of("X-Plivo-Signature-V3", "AAAA", "X-Plivo-Signature-V3-Nonce", "1"))
                .statusCode()).isEqualTo(403);
        // signed for another URL (a Dial action replayed against the answer URL)
        HttpResponse<String> signedElsewhere = plivo.postSigned(URI.create("https://forward.example.com:8443/plivo/hangup"),
                answer, params, Optional.empty());
        assertThat(signedElsewhere.statusCode()).isEqualTo(403);
        // signed over the internal URL instead of the public one Plivo called
        HttpResponse<String> internal = plivo.postSigned(URI.create(local + "plivo/answer"), answer, params, Optional.empty());
        assertThat(internal.statusCode()).isEqualTo(403);
        assertThat(rejected() - before).isEqualTo(5.0);
        HttpResponse<String> ok = plivo.postSigned(answer, params, Optional.empty());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("content-type").orElse("")).startsWith("text/xml");
    }

    @Test
    void smsIsRetriedOn500And429AndAPermanentFailureIsVisible() {
        JsonPath line = createLine(settings(""), false);
        fake.script("message", Scripted.fail(500, "internal error"), new Scripted(429, "too many requests", "0"));
        PlivoCallDriver.Call call = plivo.call(CALLER, line.getString("forwardNumber"), Map.of(), Optional.of(new Message(3)));
        Event sent = events.await(e -> call.callUuid().equals(e.key()) && e.type().endsWith("sms-sent.v1"), 1, WAIT).get(0);
        assertThat(sent.body().path("attempts").asInt()).isEqualTo(3);
        assertThat(fake.messages()).hasSize(1);

        fake.script("message", Scripted.fail(400, "invalid dst"));
        PlivoCallDriver.Call second = plivo.call(CALLER, line.getString("forwardNumber"), Map.of(), Optional.of(new Message(4)));
        Event failed = events.await(e -> second.callUuid().equals(e.key()) && e.type().endsWith("sms-failed.v1"), 1, WAIT).get(0);
        assertThat(failed.body().path("reason").asText()).contains("400").contains("invalid dst");
        assertThat(failed.body().path("attempts").asInt()).isEqualTo(1);
        JsonPath vms = given().auth().preemptive().basic("viewer", "secret").get("/api/lines/" + line.getString("id") + "/voicemails")
                .then().statusCode(200).extract().jsonPath();
        String rid = second.recordParams().orElseThrow().get("RecordingID");
        assertThat(vms.getString("find { it.recordingId == '" + rid + "' }.sms.status")).isEqualTo("FAILED");
        assertThat(vms.getString("find { it.recordingId == '" + rid + "' }.sms.lastError")).contains("invalid dst");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("callforward_sms_total{result=\"failed\"}").contains("callforward_sms_total{result=\"retry\"}");
    }

    @Test
    void getCallbacksAreVerifiedOverTheFullQueryAndRetriedDialActionsChangeNothing() {
        JsonPath line = createLine(settings(""), false);
        String callUuid = java.util.UUID.randomUUID().toString();
        Map<String, String> params = new LinkedHashMap<>(Map.of("CallUUID", callUuid, "From", CALLER,
                "To", line.getString("forwardNumber"), "Event", "StartApp", "SIP-H-To", "<sip:x@y;transport=udp>;tag=1"));
        HttpResponse<String> get = plivo.getSigned(URI.create("https://forward.example.com:8443/plivo/answer"), params);
        assertThat(get.statusCode()).isEqualTo(200);
        io.telops.callforward.fake.ParsedPlivoXml xml = io.telops.callforward.fake.ParsedPlivoXml.parse(get.body());
        assertThat(xml.names()).containsExactly("Speak", "Dial");
        URI action = URI.create(xml.get(1).attr("action"));

        Map<String, String> dial = new LinkedHashMap<>(Map.of("CallUUID", callUuid, "From", CALLER, "DialStatus", "no-answer",
                "DialHangupCause", "NO_ANSWER", "DialBLegUUID", ""));
        String first = plivo.post(action, dial);
        String retried = plivo.post(action, dial);
        assertThat(retried).isEqualTo(first);
        assertThat(io.telops.callforward.fake.ParsedPlivoXml.parse(first).get(0).children().get(0).text()).isEqualTo(MOBILE);
        plivo.post(URI.create("https://forward.example.com:8443/plivo/hangup"), Map.of("CallUUID", callUuid, "HangupCause", "ORIGINATOR_CANCEL", "Duration", "9"));
        List<Event> es = callEvents(callUuid, 3);
        assertThat(types(es)).containsExactly("io.telops.call.call-received.v1", "io.telops.call.call-forwarded.v1",
                "io.telops.call.call-completed.v1");
        assertThat(es.get(2).body().path("outcome").asText()).isEqualTo("missed");
        assertThat(es.get(2).body().path("hangupCause").asText()).isEqualTo("ORIGINATOR_CANCEL");
    }

    static double rejected() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("callforward_callbacks_rejected_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
