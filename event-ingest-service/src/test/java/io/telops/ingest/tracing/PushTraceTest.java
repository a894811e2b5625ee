package io.telops.ingest.tracing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.telops.ingest.DurablePushes;
import io.telops.ingest.PhoneEventsTopic;
import io.telops.ingest.Samples;
import io.telops.ingest.kafka.KafkaAcceptor;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.testkit.SharedInfrastructure;

/**
 * With tracing on, a phone push's server span and the records it produced share a trace: each record's
 * {@code traceparent} names the push's trace, whether the broker took the push (Kafka first) or the outbox did and
 * platform/outbox's relay published it later from another thread (the dashboard's consumer span continues it: its
 * own test).
 */
@QuarkusTest
@TestProfile(PushTraceTest.TracingOn.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class PushTraceTest {
    public static class TracingOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.bsp.schedule.delay", "50ms",
                    "quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:9");
        }
    }

    /** Where the spans go in this test. */
    @Singleton
    static class Exporter {
        @Produces
        @Singleton
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    static PhoneEventsTopic events;

    @Inject
    InMemorySpanExporter exported;

    @Inject
    MeterRegistry registry;

    @Inject
    KafkaAcceptor kafkaFirst;

    @BeforeAll
    static void openTopic() {
        events = new PhoneEventsTopic(SharedInfrastructure.kafka().bootstrapServers());
    }

    @AfterAll
    static void closeTopic() {
        events.close();
    }

    @Test
    void thePushsRecordsCarryItsTrace() throws Exception {
        awaitKafkaFirst();
        String mac = "00E0F7E0A001";
        given().contentType("application/xml").body(Samples.callBurst(mac, 1)).when().post("/polycom/events")
                .then().statusCode(200);

        List<PhoneEventsTopic.Message> published = events.readUntil(
                read -> read.stream().anyMatch(m -> mac.equals(m.key())), Duration.ofSeconds(30));
        List<String> traceparents = published.stream().filter(m -> mac.equals(m.key()))
                .map(m -> m.headers().get("traceparent")).toList();
        assertThat(traceparents).isNotEmpty().doesNotContainNull();
        String traceId = traceparents.get(0).split("-")[1];
        assertThat(traceparents).allMatch(t -> t.split("-")[1].equals(traceId));

        SpanData push = awaitServerSpan(traceId);
        assertThat(push.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(push.getName()).contains("POST");
    }

    @Test
    void thePushsEventsCarryItsTraceThroughTheOutbox() throws Exception {
        awaitKafkaFirst();
        String mac = "00E0F7E0A002";
        double viaOutbox = DurablePushes.count(registry, "outbox");
        kafkaFirst.enabled(false); // every push through the group commit and the platform relay
        try {
            given().contentType("application/xml").body(Samples.callBurst(mac, 2)).when().post("/polycom/events")
                    .then().statusCode(200);
        } finally {
            kafkaFirst.enabled(true);
        }
        assertThat(DurablePushes.count(registry, "outbox") - viaOutbox).isEqualTo(1.0);

        List<PhoneEventsTopic.Message> published = events.readUntil(
                read -> read.stream().filter(m -> mac.equals(m.key())).count() >= Samples.EVENTS_PER_BURST, Duration.ofSeconds(30))
                .stream().filter(m -> mac.equals(m.key())).toList();
        assertThat(published).hasSize(Samples.EVENTS_PER_BURST);
        List<String> traceparents = published.stream().map(m -> m.headers().get("traceparent")).toList();
        assertThat(traceparents).doesNotContainNull();
        String traceId = traceparents.get(0).split("-")[1];
        assertThat(traceparents).allMatch(t -> t.split("-")[1].equals(traceId));
        assertThat(awaitServerSpan(traceId).getName()).contains("POST");
    }

    private SpanData awaitServerSpan(String traceId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            for (SpanData span : exported.getFinishedSpanItems()) {
                if (span.getTraceId().equals(traceId) && span.getKind() == SpanKind.SERVER) {
                    return span;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no server span of trace " + traceId + " among " + exported.getFinishedSpanItems());
    }

    private void awaitKafkaFirst() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (registry.get("telops.ingest.kafka_first.open").gauge().value() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        given().contentType("application/xml").body(Samples.callBurst("00E0F7E0AFFF", 1)).when().post("/polycom/events")
                .then().statusCode(200);
        Thread.sleep(200);
    }
}
