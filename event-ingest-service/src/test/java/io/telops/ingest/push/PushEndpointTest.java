package io.telops.ingest.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.telops.contracts.EventCatalog;
import io.telops.contracts.EventType;
import io.telops.contracts.phone.PhoneEventTypes;
import io.telops.ingest.PhoneEventsTopic;
import io.telops.ingest.Samples;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.testkit.SharedInfrastructure;

/** The phone-facing push URL on real Kafka and PostgreSQL: documented payloads in, CloudEvents out, hostile input refused. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class PushEndpointTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger MACS = new AtomicInteger();
    static PhoneEventsTopic topic;

    @io.quarkus.test.common.http.TestHTTPResource("/polycom/events")
    java.net.URI pushUri;

    @BeforeAll
    static void openTopic() {
        topic = new PhoneEventsTopic(SharedInfrastructure.kafka().bootstrapServers());
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    @Test
    void documentedSamplesArePublishedAsSchemaValidCloudEvents() throws Exception {
        String[] files = {"docs/ucs500-table18-incoming-call-event.xml", "filled/OutgoingCallEvent.xml",
                "filled/CallStateChangeEvent.xml", "filled/OffHookEvent.xml", "filled/OnHookEvent.xml",
                "filled/PhoneLockedEvent.xml", "filled/PhoneUnlockedEvent.xml", "filled/LineRegistrationEvent.xml",
                "filled/LineUnregistrationEvent.xml", "filled/UserLoginEvent.xml", "filled/UserLogoutEvent.xml",
                "filled/UIInitializationEvent.xml"};
        String mac = uniqueMac();
        for (String file : files) {
            String body = Samples.resource(file).replace("0004f214b89e", mac.toLowerCase());
            given().contentType("application/xml").body(body).when().post("/polycom/events")
                    .then().statusCode(200).body("accepted", equalTo(1));
        }
        List<PhoneEventsTopic.Message> mine = forMac(mac, files.length);
        assertThat(mine).hasSize(files.length);
        Set<String> types = mine.stream().map(m -> m.headers().get("ce_type")).collect(Collectors.toSet());
        assertThat(types).containsExactlyInAnyOrderElementsOf(PhoneEventTypes.ALL.stream().map(EventType::type).toList());
        for (PhoneEventsTopic.Message m : mine) {
            assertThat(m.key()).isEqualTo(mac);
            assertThat(m.headers()).containsEntry("ce_specversion", "1.0").containsEntry("ce_source", "/event-ingest-service")
                    .containsEntry("content-type", "application/json").containsKey("ce_id").containsKey("ce_time");
            EventType<?> type = EventCatalog.byType(m.headers().get("ce_type")).orElseThrow();
            JsonNode json = JSON.readTree(m.value());
            try (InputStream schema = getClass().getResourceAsStream(type.schemaResource())) {
                assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema).validate(json))
                        .as("%s against %s", json, type.schemaResource()).isEmpty();
            }
            assertThat(json.get("mac").asText()).isEqualTo(mac);
            assertThat(json.get("occurredAt").asText()).isEqualTo("2008-07-11T21:19:53Z");
            assertThat(json.get("utcOffset").asText()).isEqualTo("-08:00");
        }
        assertThat(mine.stream().map(PhoneEventsTopic.Message::ceId).distinct()).hasSize(files.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/xml; charset=UTF-8", "application/x-www-form-urlencoded",
            "application/x-com-polycom-spipx", "text/plain"})
    void acceptsTheContentTypesPhonesSend(String contentType) throws Exception {
        // the exact bytes a phone sends, whatever label it puts on them (no client-side form encoding)
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(pushUri).header("Content-Type", contentType)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Samples.resource("docs/sip31-incoming-call-event.xml")))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void acceptsABodyWithoutContentType() {
        given().body(Samples.resource("docs/sip31-incoming-call-event.xml").getBytes())
                .when().post("/polycom/events").then().statusCode(200).body("accepted", equalTo(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "multipart/form-data; boundary=x", "image/png"})
    void refusesOtherContentTypesWithAProblem(String contentType) {
        given().contentType(contentType).body(Samples.resource("docs/sip31-incoming-call-event.xml").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/polycom/events").then().statusCode(415)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(415))
                .body("title", equalTo("Unsupported content type"));
        healthy();
    }

    @Test
    void aRefusalIsTheSameProblemDocumentToTheByte() {
        // phones and their management tools may parse it: members, their order and the type URI stay as they were
        String body = given().contentType("application/json").body("{}")
                .when().post("/polycom/events").then().statusCode(415).extract().asString();
        assertThat(body).isEqualTo("{\"type\":\"https://telops.io/problems/push-unsupported-media-type\","
                + "\"title\":\"Unsupported content type\",\"status\":415,"
                + "\"detail\":\"expected XML (application/xml, text/xml or the labels phones use), got application/json\"}");
    }

    @Test
    void severalEventsOneRequestWithAnUnknownOneCounted() {
        String mac = uniqueMac();
        given().contentType("text/xml").body(Samples.callBurst(mac, 1).replace("</PolycomIPPhone>",
                        "<BrandNewEvent><MACAddress>" + mac + "</MACAddress></BrandNewEvent></PolycomIPPhone>"))
                .when().post("/polycom/events").then().statusCode(200)
                .body("accepted", equalTo(Samples.EVENTS_PER_BURST)).body("unrecognised", equalTo(1));
        assertThat(forMac(mac, Samples.EVENTS_PER_BURST)).hasSize(Samples.EVENTS_PER_BURST);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("telops_ingest_events_unrecognised_total"))
                .body(containsString("telops_ingest_events_accepted_total{type=\"call-state-changed\"}"))
                .body(containsString("telops_outbox_depth"))
                .body(containsString("telops_ingest_publish_latency_seconds"));
    }

    @Test
    void largePushesParsedOffTheEventLoopAreStoredOrRefusedTheSameWay() {
        // above the in-place parse size (16 KiB): parsed on a worker thread, then the same group commit
        String mac = uniqueMac();
        StringBuilder body = new StringBuilder("<PolycomIPPhone>");
        for (int i = 0; i < 60; i++) {
            String burst = Samples.callBurst(mac, i);
            body.append(burst, "<PolycomIPPhone>".length(), burst.length() - "</PolycomIPPhone>".length());
        }
        body.append("</PolycomIPPhone>");
        assertThat(body.length()).isGreaterThan(PushIngestor.INLINE_PARSE_BYTES);
        given().contentType("application/xml").body(body.toString()).when().post("/polycom/events").then().statusCode(200)
                .body("accepted", equalTo(60 * Samples.EVENTS_PER_BURST));
        assertThat(forMac(mac, 60 * Samples.EVENTS_PER_BURST)).hasSize(60 * Samples.EVENTS_PER_BURST);
        given().contentType("application/xml").body(body.substring(0, body.length() - 40)).when().post("/polycom/events")
                .then().statusCode(400).contentType(startsWith("application/problem+json")).body("status", equalTo(400));
        healthy();
    }

    @Test
    void malformedAndTruncatedXmlAre400WithAProblem() {
        for (String body : List.of("<PolycomIPPhone><OffHookEvent><MACAddress>0004f214b89e</MACAddress>", "not xml at all",
                "", "<PolycomIPPhone/>")) {
            given().contentType("application/xml").body(body).when().post("/polycom/events").then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("status", equalTo(400))
                    .body("title", equalTo("Malformed phone event XML"));
        }
        healthy();
    }

    @Test
    void onlyInvalidEventsAre422AndKeptForAudit() {
        given().contentType("application/xml").body("<OffHookEvent><MACAddress>nope</MACAddress></OffHookEvent>")
                .when().post("/polycom/events").then().statusCode(422)
                .body("detail", containsString("MACAddress is not a MAC address"))
                .body("detail", containsString("receipt"));
    }

    @Test
    void externalEntitiesNeverReachTheNetworkOrTheFileSystem() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String url = "http://127.0.0.1:" + trap.getLocalPort();
            CompletableFuture<Boolean> connected = CompletableFuture.supplyAsync(() -> {
                try {
                    trap.setSoTimeout(3_000);
                    trap.accept().close();
                    return true;
                } catch (SocketTimeoutException e) {
                    return false;
                } catch (Exception e) {
                    return false;
                }
            });
            List<String> attacks = List.of(
                    "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                            + "<IncomingCallEvent><MACAddress>0004f214b89e</MACAddress><CallingPartyName>&x;</CallingPartyName></IncomingCallEvent>",
                    "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + url + "/entity\">]>"
                            + "<IncomingCallEvent><MACAddress>0004f214b89e</MACAddress><CallingPartyName>&x;</CallingPartyName></IncomingCallEvent>",
                    "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"" + url + "/evil.dtd\"><OffHookEvent><MACAddress>0004f214b89e</MACAddress></OffHookEvent>",
                    "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY % p SYSTEM \"" + url + "/param\"> %p;]><OffHookEvent/>");
            for (String attack : attacks) {
                Response response = given().contentType("application/xml").body(attack).when().post("/polycom/events");
                assertThat(response.statusCode()).isEqualTo(400);
                assertThat(response.asString()).contains("DTD").doesNotContain("root:");
            }
            assertThat(connected.get()).as("the parser opened a connection to " + url).isFalse();
        }
        healthy();
    }

    @Test
    void billionLaughsIsRefusedWithoutBlowingUp() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]><OffHookEvent><MACAddress>&lol9;</MACAddress></OffHookEvent>");
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        given().contentType("application/xml").body(dtd.toString()).when().post("/polycom/events").then().statusCode(400)
                .body("detail", containsString("DTD"));
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertThat(after - before).as("heap growth").isLessThan(256L * 1024 * 1024);
        healthy();
    }

    @Test
    void oversizedBodiesAre413() {
        // above the push limit (256 KiB) but below the HTTP hard stop: a problem body from the endpoint
        String big = "<PolycomIPPhone>" + "<OffHookEvent><MACAddress>0004f214b89e</MACAddress></OffHookEvent>".repeat(5_000) + "</PolycomIPPhone>";
        given().contentType("application/xml").body(big).when().post("/polycom/events").then().statusCode(413)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(413));
        // 10 MB: refused by the HTTP layer before the body is read
        byte[] tenMegabytes = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMegabytes, (byte) 'a');
        int status;
        try {
            status = given().contentType("application/xml").body(tenMegabytes).when().post("/polycom/events").statusCode();
        } catch (Exception connectionClosedWhileSending) {
            status = 413; // the server answered and closed before the client finished sending
        }
        assertThat(status).isEqualTo(413);
        healthy();
    }

    @Test
    void replayRepublishesUnderTheOriginalIdsForAdminsOnly() throws InterruptedException {
        String mac = uniqueMac();
        // the arrival time is the service's clock (this JVM's), so the window holds this push and no earlier test's
        Instant from = Instant.now();
        given().contentType("application/xml").body(Samples.callBurst(mac, 2)).when().post("/polycom/events").then().statusCode(200);
        Set<String> first = forMac(mac, Samples.EVENTS_PER_BURST).stream().map(PhoneEventsTopic.Message::ceId).collect(Collectors.toSet());
        assertThat(first).hasSize(Samples.EVENTS_PER_BURST);
        String window = "?from=" + from + "&to=" + Instant.now().plusSeconds(1);
        given().when().post("/api/admin/replay" + window).then().statusCode(401);
        given().auth().preemptive().basic("viewer", "secret").when().post("/api/admin/replay" + window).then().statusCode(403);
        // the raw push is archived behind the answer (Kafka first): replay finds it once the archiver stored it
        int replayed = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (replayed < Samples.EVENTS_PER_BURST && System.nanoTime() < deadline) {
            replayed = given().auth().preemptive().basic("admin", "secret").when().post("/api/admin/replay" + window).then()
                    .statusCode(200).extract().jsonPath().getInt("events");
            Thread.sleep(replayed < Samples.EVENTS_PER_BURST ? 100 : 0);
        }
        assertThat(replayed).isGreaterThanOrEqualTo(Samples.EVENTS_PER_BURST);
        Set<String> again = forMac(mac, Samples.EVENTS_PER_BURST).stream().map(PhoneEventsTopic.Message::ceId).collect(Collectors.toSet());
        assertThat(again).isEqualTo(first);
    }

    static List<PhoneEventsTopic.Message> forMac(String mac, int expected) {
        List<PhoneEventsTopic.Message> all = topic.readUntil(
                read -> read.stream().filter(m -> mac.equals(m.key())).count() >= expected, Duration.ofSeconds(30));
        return all.stream().filter(m -> mac.equals(m.key())).toList();
    }

    static void healthy() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    static String uniqueMac() {
        return String.format("0004F2%06X", (int) (System.nanoTime() & 0xFFF000) + MACS.incrementAndGet());
    }
}
