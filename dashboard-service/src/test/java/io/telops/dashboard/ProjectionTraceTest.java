package io.telops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.telops.contracts.EventJson;
import io.telops.contracts.Topics;
import io.telops.contracts.phone.PhoneEventTypes;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * With tracing on, the projection of a phone event continues the trace its record carries (the producer's
 * {@code traceparent}, written by ingest inside the push's span: its own test): one consumer span, a child of the
 * producer's span, in the same trace.
 */
@QuarkusTest
@TestProfile(ProjectionTraceTest.TracingOn.class)
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class ProjectionTraceTest {
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PUSH_SPAN_ID = "00f067aa0ba902b7";

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

    @Inject
    InMemorySpanExporter exported;

    @Test
    void theProjectionsSpanIsAChildOfThePushsSpan() throws Exception {
        String mac = Phones.randomMac();
        var event = Phones.offHook(mac, Phones.now());
        String ceId = UUID.randomUUID().toString();
        Map<String, String> headers = new java.util.LinkedHashMap<>(
                CloudEventProducer.headers(ceId, PhoneEventTypes.of(event).type(), event.occurredAt()));
        headers.put("traceparent", "00-" + TRACE_ID + "-" + PUSH_SPAN_ID + "-01");
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.send(Topics.PHONE_EVENTS, mac, headers, EventJson.mapper().writeValueAsBytes(event));
        }
        Eventually.within(Duration.ofSeconds(30),
                () -> assertThat(PhoneReadModelTest.phone(mac).getLong("eventCount")).isEqualTo(1));

        Eventually.within(Duration.ofSeconds(10), () -> assertThat(consumerSpans()).isNotEmpty());
        SpanData span = consumerSpans().iterator().next();
        assertThat(span.getParentSpanId()).isEqualTo(PUSH_SPAN_ID);
        assertThat(span.getName()).isEqualTo(Topics.PHONE_EVENTS + " process");
        assertThat(span.getAttributes().asMap().toString()).contains(ceId);
    }

    private java.util.List<SpanData> consumerSpans() {
        return exported.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.CONSUMER && s.getTraceId().equals(TRACE_ID)).toList();
    }
}
