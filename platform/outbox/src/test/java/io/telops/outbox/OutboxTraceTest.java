package io.telops.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.telops.events.TraceHeaders;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.KafkaBroker;
import io.telops.testkit.PostgresServer;

/**
 * Trace context through the outbox, on the testkit's PostgreSQL and Kafka: an event written inside a recording span
 * is published with that span's {@code traceparent}, one written outside any span (or in one not recorded) without.
 */
@ExtendWith(InfrastructureExtension.class)
class OutboxTraceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(InMemorySpanExporter.create())).build())
            .build();

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void anEventWrittenInsideASpanIsPublishedWithItsTraceAndOneWrittenOutsideWithout(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        Span span = sdk.getTracer("test").spanBuilder("POST /accounts").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            db.write(List.of(db.event("traced")), true);
        } finally {
            span.end();
        }
        db.write(List.of(db.event("untraced")), true);

        Map<String, ConsumerRecord<String, String>> read = publish(db, 2).stream()
                .collect(Collectors.toMap(ConsumerRecord::key, r -> r));
        assertThat(read).containsOnlyKeys("traced", "untraced");
        String traceparent = traceparent(read.get("traced")).orElseThrow();
        assertThat(traceparent.split("-")[1]).isEqualTo(span.getSpanContext().getTraceId());
        assertThat(traceparent.split("-")[2]).isEqualTo(span.getSpanContext().getSpanId());
        assertThat(traceparent(read.get("untraced"))).as("no span, no header").isEmpty();
    }

    @Test
    void aSpanThatIsNotRecordedLeavesNoTrace(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        try (OpenTelemetrySdk unsampled = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setSampler(Sampler.alwaysOff()).build()).build()) {
            Span span = unsampled.getTracer("test").spanBuilder("dropped").startSpan();
            try (Scope ignored = span.makeCurrent()) {
                assertThat(span.getSpanContext().isValid()).isTrue();
                db.write(List.of(db.event("unsampled")), true);
            } finally {
                span.end();
            }
        }
        assertThat(traceparent(publish(db, 1).get(0))).isEmpty();
    }

    @Test
    void aTraceCapturedOnTheRequestThreadTravelsWithAnEventAnotherThreadWritesAsArrays(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        Span span = sdk.getTracer("test").spanBuilder("POST /polycom/events").startSpan();
        Optional<String> captured;
        try (Scope ignored = span.makeCurrent()) {
            captured = TraceHeaders.recordingTraceparent();
        } finally {
            span.end();
        }
        OutboxEvent event = db.event("handed").withTraceparent(captured);
        db.writeArrays(List.of(event)); // a writer thread: no span of its own

        assertThat(traceparent(publish(db, 1).get(0))).hasValueSatisfying(
                t -> assertThat(t.split("-")[1]).isEqualTo(span.getSpanContext().getTraceId()));
    }

    private static List<ConsumerRecord<String, String>> publish(OutboxDatabase db, int n) throws Exception {
        OutboxRelay relay = new OutboxRelay(new PostgresOutboxStore(db.dataSource, OutboxConfig.Claiming.LEADER, 4573001, false),
                OutboxSettings.defaults(), "/trace-test", db.kafka(), new SimpleMeterRegistry());
        try {
            assertThat(relay.drain()).isEqualTo(n);
        } finally {
            relay.stop();
        }
        List<ConsumerRecord<String, String>> read = db.published(n, WAIT);
        assertThat(read).hasSize(n);
        return read;
    }

    private static Optional<String> traceparent(ConsumerRecord<String, String> r) {
        return Optional.ofNullable(r.headers().lastHeader(TraceHeaders.TRACEPARENT)).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }
}
