package io.telops.ingest.push;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.events.Problem;
import io.telops.ingest.Samples;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * What the Vert.x route for the push URL adds to (or must keep from) the JAX-RS contract: chunked bodies honour the
 * HTTP hard stop with a problem body, other methods still get the REST layer's 405, and the push URL is left out of
 * the generic HTTP server timer while the ingest counters still count it.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class PushRouteTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/polycom/events")
    URI pushUri;

    @Test
    void chunkedBodyAboveTheHardStopIs413WithAProblem() throws Exception {
        // no Content-Length: the body arrives in chunks and is refused once it passes quarkus.http.limits.max-body-size
        double refusedBefore = tooLargeCount();
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'a');
        InputStream threeMegabytes = new SequenceInputStream(Collections.enumeration(
                Collections.nCopies(48, chunk).stream().<InputStream>map(ByteArrayInputStream::new).toList()));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(pushUri).header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> threeMegabytes)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closedWhileSending) {
            response = null; // the server answered and closed before the client finished sending
        }
        if (response != null) {
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(Problem.MEDIA_TYPE));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(413);
            assertThat(problem.get("type").asText()).endsWith("/push-too-large");
        }
        // still serving, and the refusal was counted
        given().contentType("text/xml").body(Samples.resource("docs/sip31-incoming-call-event.xml"))
                .when().post("/polycom/events").then().statusCode(200).body("accepted", equalTo(1));
        assertThat(tooLargeCount()).isEqualTo(refusedBefore + 1);
    }

    static double tooLargeCount() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("telops_ingest_requests_rejected_total{") && l.contains("reason=\"too_large\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void otherMethodsStillGetTheRestLayersAnswer() {
        given().when().get("/polycom/events").then().statusCode(405);
    }

    @Test
    void pushesAreCountedByTheIngestMetersNotTheHttpTimer() {
        given().contentType("application/xml").body(Samples.resource("docs/sip31-incoming-call-event.xml").getBytes(StandardCharsets.UTF_8))
                .when().post("/polycom/events").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("telops_ingest_events_received_total"))
                .body(not(containsString("uri=\"/polycom/events\"")));
    }
}
