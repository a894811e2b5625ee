package io.telops.callforward.flow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.telops.callforward.fake.CallEventsProbe.Event;
import io.telops.callforward.fake.PlivoCallDriver;
import io.telops.callforward.fake.PlivoCallDriver.Message;
import io.telops.callforward.fake.PlivoDrivenTest;
import io.telops.callforward.fake.PlivoFake;
import io.telops.callforward.fake.PlivoFakeResource;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.MongoTestResource;

/** SMS delivery reports (V2-signed) against replays, unknown messages and finished SMS, through the running service and Kafka. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(PlivoFakeResource.class)
class MessageStatusReplayTest extends PlivoDrivenTest {
    static final String CALLER = "14155550111";
    static final Duration WAIT = Duration.ofSeconds(20);
    // how long a report that must change nothing is given to show up anyway
    static final Duration SETTLE = Duration.ofSeconds(3);

    /** A voicemail whose SMS Plivo accepted: the line, the call and the SMS as Plivo saw it. */
    record SentSms(String lineId, String callUuid, PlivoFake.SentMessage message) {
        URI statusUrl() {
            return URI.create(message.url());
        }

        Map<String, String> report(String status) {
            return Map.of("MessageUUID", message.uuid(), "Status", status, "To", message.dst(), "From", message.src());
        }
    }

    SentSms voicemailWithSentSms() {
        JsonPath line = CallFlowEndToEndTest.createLine(CallFlowEndToEndTest.settings(""), false);
        PlivoCallDriver.Call call = plivo.call(CALLER, line.getString("forwardNumber"), Map.of(), Optional.of(new Message(7)));
        assertThat(events.await(e -> call.callUuid().equals(e.key()) && e.type().endsWith("sms-sent.v1"), 1, WAIT)).hasSize(1);
        PlivoFake.SentMessage sms = fake.messages().stream().filter(m -> m.text().contains(call.recordParams().orElseThrow().get("RecordUrl")))
                .findFirst().orElseThrow();
        return new SentSms(line.getString("id"), call.callUuid(), sms);
    }

    List<String> reportedStatuses(String callUuid, int expected, Duration timeout) {
        return events.await(e -> callUuid.equals(e.key()) && e.type().endsWith("sms-status-reported.v1"), expected, timeout)
                .stream().map(e -> e.body().path("status").asText()).toList();
    }

    String deliveryStatus(String lineId) {
        return given().auth().preemptive().basic("viewer", "secret").get("/api/lines/" + lineId + "/voicemails")
                .then().statusCode(200).extract().jsonPath().getString("[0].sms.deliveryStatus");
    }

    static String nonce() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aReplayedCorrectlySignedReportIsRefusedAndChangesNothing() {
        SentSms sms = voicemailWithSentSms();
        String nonce = nonce();
        assertThat(plivo.postMessagingCallback(sms.statusUrl(), sms.report("sent"), PlivoFake.AUTH_TOKEN, nonce).statusCode()).isEqualTo(200);
        assertThat(reportedStatuses(sms.callUuid(), 1, WAIT)).containsExactly("sent");

        // V2 signs URL and nonce only: a captured request replayed as is, or with another body, carries a valid signature
        HttpResponse<String> replayed = plivo.postMessagingCallback(sms.statusUrl(), sms.report("sent"), PlivoFake.AUTH_TOKEN, nonce);
        HttpResponse<String> rewritten = plivo.postMessagingCallback(sms.statusUrl(), sms.report("delivered"), PlivoFake.AUTH_TOKEN, nonce);

        assertThat(replayed.statusCode()).isEqualTo(403);
        assertThat(replayed.headers().firstValue("content-type").orElse("")).startsWith("application/problem+json");
        assertThat(rewritten.statusCode()).isEqualTo(403);
        assertThat(deliveryStatus(sms.lineId())).isEqualTo("sent");
        assertThat(reportedStatuses(sms.callUuid(), 2, SETTLE)).containsExactly("sent");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("callforward_callbacks_rejected_total{reason=\"replay\",signature=\"v2\"} 2.0");
    }

    @Test
    void aReportForAnotherMessageUuidChangesNothing() {
        SentSms sms = voicemailWithSentSms();
        Map<String, String> foreign = Map.of("MessageUUID", UUID.randomUUID().toString(), "Status", "delivered");

        assertThat(plivo.postMessagingCallback(sms.statusUrl(), foreign, PlivoFake.AUTH_TOKEN).statusCode()).isEqualTo(200);

        assertThat(deliveryStatus(sms.lineId())).isNull();
        assertThat(reportedStatuses(sms.callUuid(), 1, SETTLE)).isEmpty();
    }

    @Test
    void aReportAfterAFinalStatusChangesNothing() {
        SentSms sms = voicemailWithSentSms();
        assertThat(plivo.postMessagingCallback(sms.statusUrl(), sms.report("delivered"), PlivoFake.AUTH_TOKEN).statusCode()).isEqualTo(200);
        assertThat(reportedStatuses(sms.callUuid(), 1, WAIT)).containsExactly("delivered");

        assertThat(plivo.postMessagingCallback(sms.statusUrl(), sms.report("failed"), PlivoFake.AUTH_TOKEN).statusCode()).isEqualTo(200);
        assertThat(plivo.postMessagingCallback(sms.statusUrl(), sms.report("sent"), PlivoFake.AUTH_TOKEN).statusCode()).isEqualTo(200);

        assertThat(deliveryStatus(sms.lineId())).isEqualTo("delivered");
        assertThat(reportedStatuses(sms.callUuid(), 2, SETTLE)).containsExactly("delivered");
    }
}
