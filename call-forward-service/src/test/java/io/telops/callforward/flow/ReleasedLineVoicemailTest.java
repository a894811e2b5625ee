package io.telops.callforward.flow;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.telops.callforward.fake.ParsedPlivoXml;
import io.telops.callforward.fake.PlivoDrivenTest;
import io.telops.callforward.fake.PlivoFake;
import io.telops.callforward.fake.PlivoFakeResource;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.MongoTestResource;

/** A Record action for a line released mid-call, against the running service, MongoDB wire server and Kafka. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(PlivoFakeResource.class)
class ReleasedLineVoicemailTest extends PlivoDrivenTest {
    static final String CALLER = "14155550111";

    @Test
    void aRecordingForAReleasedLineIsAnsweredWithAPoliteHangupAndRecordsNothing() {
        JsonPath line = CallFlowEndToEndTest.createLine(CallFlowEndToEndTest.settings(""), false);
        String id = line.getString("id");
        given().auth().preemptive().basic("admin", "secret").delete("/api/lines/" + id).then().statusCode(200);

        String callUuid = UUID.randomUUID().toString();
        String recordingId = UUID.randomUUID().toString();
        Map<String, String> record = new LinkedHashMap<>();
        record.put("CallUUID", callUuid);
        record.put("From", CALLER);
        record.put("To", line.getString("forwardNumber"));
        record.put("Event", "Record");
        record.put("RecordUrl", "https://media.plivo.com/v1/Account/" + PlivoFake.AUTH_ID + "/Recording/" + recordingId + ".mp3");
        record.put("RecordingDuration", "9");
        record.put("RecordingID", recordingId);
        ParsedPlivoXml xml = ParsedPlivoXml.parse(plivo.post(URI.create(PUBLIC + "/plivo/recorded?line=" + id), record));

        assertThat(xml.names()).containsExactly("Speak", "Hangup");
        assertThat(xml.get(0).text()).isEqualTo("Sorry, nobody can take your call. Goodbye");
        assertThat(given().auth().preemptive().basic("viewer", "secret").get("/api/lines/" + id + "/voicemails")
                .then().statusCode(200).extract().jsonPath().getList("recordingId")).isEmpty();
        // nothing about this call reaches Kafka, and no SMS goes to Plivo, even after the sender's next passes
        assertThat(events.ofKey(callUuid, 1, Duration.ofSeconds(4))).isEmpty();
        assertThat(fake.messages()).isEmpty();
    }
}
