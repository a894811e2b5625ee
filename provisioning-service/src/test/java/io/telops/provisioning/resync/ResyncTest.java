package io.telops.provisioning.resync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.telops.provisioning.TestData;
import io.telops.provisioning.serving.FetchRecorder;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Issue #21 item 4 end to end on the real Kafka broker and PostgreSQL: a re-sync request marks the selected devices and
 * puts one device-resync-requested record per device on telops.provisioning-events, with the CloudEvents headers; the
 * mark clears at the device's next successful fetch, and the device view shows which file and version that was.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class ResyncTest {
    private static final String TYPE = "io.telops.provisioning.device-resync-requested.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    FetchRecorder recorder;

    private static String newMac() {
        return String.format("001565%06X", ThreadLocalRandom.current().nextInt(0x1000000));
    }

    /** A Yealink T54W (default template) with one line 5001, optionally in a site. */
    private static String device(String site) {
        String mac = newMac();
        Map<String, Object> body = new java.util.HashMap<>(Map.of("mac", mac, "brand", "yealink", "family", "t5x", "model", "t54w",
                "provPassword", TestData.PROV_PASSWORD,
                "lines", List.of(Map.of("sipUser", "5001", "password", "line-secret-5001", "registrar", "pbx.example.com"))));
        if (site != null) {
            body.put("siteId", site);
        }
        TestData.admin().contentType(ContentType.JSON).body(body).post("/api/devices").then().statusCode(201);
        return mac;
    }

    private static String site() {
        String id = "resync-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000000));
        TestData.admin().contentType(ContentType.JSON).body(Map.of("name", id)).put("/api/sites/" + id).then().statusCode(200);
        return id;
    }

    private static io.restassured.response.Response resync(Object selection) {
        return TestData.admin().contentType(ContentType.JSON).body(selection).post("/api/resync");
    }

    private static List<ConsumerRecord<String, String>> resyncRecords(List<String> macs, int atLeast, Duration timeout) {
        return TestData.readEvents(seen -> seen.stream().filter(r -> macs.contains(r.key()) && TYPE.equals(TestData.header(r, "ce_type")))
                .count() >= atLeast, timeout).stream()
                .filter(r -> macs.contains(r.key()) && TYPE.equals(TestData.header(r, "ce_type"))).toList();
    }

    @Test
    void aRequestForASitePublishesOneRecordPerDeviceWithTheCloudEventsHeaders() throws Exception {
        String site = site();
        String a = device(site);
        String b = device(site);
        device(null); // not in the site

        resync(Map.of("site", site)).then().statusCode(200).body("requested", equalTo(2)).body("alreadyPending", equalTo(0));

        List<ConsumerRecord<String, String>> records = resyncRecords(List.of(a, b), 2, Duration.ofSeconds(20));
        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(a, b);
        ConsumerRecord<String, String> r = records.stream().filter(x -> x.key().equals(a)).findFirst().orElseThrow();
        assertThat(TestData.header(r, "ce_specversion")).isEqualTo("1.0");
        assertThat(TestData.header(r, "ce_source")).isEqualTo("/provisioning-service");
        assertThat(TestData.header(r, "ce_id")).isNotBlank();
        assertThat(Instant.parse(TestData.header(r, "ce_time"))).isBefore(Instant.now());
        JsonNode body = JSON.readTree(r.value());
        assertThat(body.get("mac").asText()).isEqualTo(a);
        assertThat(body.get("brand").asText()).isEqualTo("yealink");
        assertThat(body.get("sipUsername").asText()).isEqualTo("5001");
        assertThat(body.get("requestedBy").asText()).isEqualTo("admin");
    }

    @Test
    void askingAgainWhileTheMarkIsPendingPublishesNothingMore() {
        String mac = device(null);
        resync(Map.of("macs", List.of(mac))).then().statusCode(200).body("requested", equalTo(1));
        resync(Map.of("macs", List.of(mac.toLowerCase()))).then().statusCode(200)
                .body("requested", equalTo(0)).body("alreadyPending", equalTo(1));

        // the first record arrives; waiting a further few relay periods shows no second one
        assertThat(resyncRecords(List.of(mac), 2, Duration.ofSeconds(6))).hasSize(1);
    }

    @Test
    void theMarkShowsInTheDeviceViewAndClearsAtTheNextSuccessfulFetch() {
        String mac = device(null);
        resync(Map.of("macs", List.of(mac))).then().statusCode(200);
        TestData.admin().get("/api/devices/" + mac).then().statusCode(200)
                .body("resyncRequestedAt", notNullValue()).body("resyncRequestedBy", equalTo("admin"));
        TestData.admin().get("/api/resync").then().statusCode(200).body("findAll { it.mac == '" + mac + "' }.size()", equalTo(1));

        String colons = mac.replaceAll("(..)(?!$)", "$1:").toLowerCase();
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD)
                .header("User-Agent", "Yealink SIP-T54W 96.86.0.100 " + colons)
                .get("/prov/yealink/" + mac.toLowerCase() + ".cfg").then().statusCode(200);
        recorder.flush();

        TestData.admin().get("/api/devices/" + mac).then().statusCode(200)
                .body("resyncRequestedAt", nullValue()).body("resyncRequestedBy", nullValue())
                .body("lastFetchFile", equalTo(mac.toLowerCase() + ".cfg")).body("lastTemplateVersion", equalTo(1))
                .body("lastStatus", equalTo("served"));
        TestData.admin().get("/api/resync").then().statusCode(200).body("findAll { it.mac == '" + mac + "' }.size()", equalTo(0));
    }

    @Test
    void aRefusedFetchLeavesTheMarkInPlace() {
        String mac = device(null);
        resync(Map.of("macs", List.of(mac))).then().statusCode(200);
        given().auth().preemptive().basic(mac.toLowerCase(), "wrong-password")
                .get("/prov/yealink/" + mac.toLowerCase() + ".cfg").then().statusCode(401);
        recorder.flush();
        TestData.admin().get("/api/devices/" + mac).then().statusCode(200).body("resyncRequestedAt", notNullValue());
    }

    @Test
    void aModelSelectionMarksThatModelsDevicesAndUnknownMacsAreReported() {
        String mac = device(null);
        String unknown = newMac();
        resync(Map.of("macs", List.of(mac, unknown))).then().statusCode(200).body("requested", equalTo(1))
                .body("unknownMacs", equalTo(List.of(unknown)));
        resync(Map.of("brand", "yealink", "family", "t5x", "model", "t54w")).then().statusCode(200)
                .body("alreadyPending", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
    }

    @Test
    void aSelectionMustNameExactlyOneSetOfDevices() {
        resync(Map.of()).then().statusCode(422);
        resync(Map.of("site", "x", "all", true)).then().statusCode(422);
        resync(Map.of("brand", "yealink")).then().statusCode(422);
        resync(Map.of("macs", List.of("not-a-mac"))).then().statusCode(422);
        resync(Map.of("site", "no-such-site")).then().statusCode(404);
        given().contentType(ContentType.JSON).body(Map.of("all", true)).post("/api/resync").then().statusCode(401);
    }

    @Test
    void operatorsMayAskForAResync() {
        String mac = device(null);
        given().auth().preemptive().basic("viewer", "secret").contentType(ContentType.JSON).body(Map.of("macs", List.of(mac)))
                .post("/api/resync").then().statusCode(200).body("requested", equalTo(1));
        TestData.admin().get("/api/devices/" + mac).then().body("resyncRequestedBy", equalTo("viewer"));
    }
}
