package io.telops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.Topics;
import io.telops.dashboard.domain.ProbeProjection;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** Typed domain views get each fresh event once, in the feed's transaction, and open pages hear of the change. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class DomainProjectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ProbeProjection probe;

    @TestHTTPResource("/ui/stream/domains")
    URL stream;

    @Test
    void eachFreshEventReachesItsProjectionOnceAndOpenPagesHearTheKey() throws Exception {
        String key = "probe-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        BlockingQueue<JsonNode> changes = new ArrayBlockingQueue<>(100);
        Thread reader = listen(TestUsers.login("viewer", "secret"), changes);
        try {
            Instant t = Instant.parse("2026-11-25T09:00:00Z");
            try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
                Map<String, String> headers = CloudEventProducer.headers(id, ProbeProjection.TYPE, t);
                producer.send(Topics.BILLING_EVENTS, key, headers, CloudEventProducer.json(Map.of("name", "first")));
                producer.send(Topics.BILLING_EVENTS, key, headers, CloudEventProducer.json(Map.of("name", "first again")));
                producer.send(Topics.BILLING_EVENTS, key, CloudEventProducer.headers(UUID.randomUUID().toString(),
                        "io.telops.billing.not-for-the-probe.v1", t), CloudEventProducer.json(Map.of("name", "other")));
            }
            JsonNode change = awaitChangeOf(key, changes);
            assertThat(change.path("topic").asText()).isEqualTo(Topics.BILLING_EVENTS);
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(
                    TestUsers.operator().get("/api/feed/telops.billing-events/events?key=" + key)
                            .then().statusCode(200).extract().jsonPath().getList("")).hasSize(2));
            assertThat(probe.appliedIds().stream().filter(id::equals)).hasSize(1);
            assertThat(probe.names()).contains("first").doesNotContain("first again", "other");
        } finally {
            reader.interrupt();
        }
    }

    private static JsonNode awaitChangeOf(String key, BlockingQueue<JsonNode> changes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            JsonNode change = changes.poll(1, TimeUnit.SECONDS);
            if (change != null) {
                for (JsonNode k : change.path("keys")) {
                    if (k.asText().equals(key)) {
                        return change;
                    }
                }
            }
        }
        throw new AssertionError("no live change for " + key + " within 20 s");
    }

    /** Reads the server-sent events of the stream with the page's session cookie, as a browser would. */
    private Thread listen(String session, BlockingQueue<JsonNode> changes) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream.toString()))
                .header("Cookie", "telops-dashboard=" + session).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("data:")) {
                        changes.offer(JSON.readTree(line.substring(5).trim()));
                    }
                }
            } catch (Exception closed) {
                // the test is over
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
