package io.telops.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.telops.contracts.phone.OffHook;

class TraceHeadersTest {
    private static final String MAC = "0004F2AABBCC";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .build();

    @AfterEach
    void close() {
        sdk.close();
    }

    @Test
    void aRecordBuiltInsideASpanCarriesItAndItsConsumerSpanIsAChildInTheSameTrace() {
        Span push = sdk.getTracer("test").spanBuilder("POST /polycom/events").setSpanKind(SpanKind.SERVER).startSpan();
        ProducerRecord<String, byte[]> produced;
        try (Scope ignored = push.makeCurrent()) {
            produced = CloudEventWriter.record(event());
        } finally {
            push.end();
        }
        String traceparent = new String(produced.headers().lastHeader("traceparent").value(), StandardCharsets.UTF_8);
        assertThat(traceparent).isEqualTo("00-" + push.getSpanContext().getTraceId() + "-"
                + push.getSpanContext().getSpanId() + "-01");

        new ConsumerSpans(sdk).applied("dashboard-service", List.of(consumed(produced)), 1_000L, 2_000L);

        SpanData consumer = exported.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CONSUMER)
                .findFirst().orElseThrow();
        assertThat(consumer.getTraceId()).isEqualTo(push.getSpanContext().getTraceId());
        assertThat(consumer.getParentSpanId()).isEqualTo(push.getSpanContext().getSpanId());
        assertThat(consumer.getName()).isEqualTo("telops.phone-events process");
        assertThat(consumer.getAttributes().asMap().toString()).contains("dashboard-service");
    }

    @Test
    void withoutASpanNothingIsWrittenAndNoConsumerSpanIsMade() {
        ProducerRecord<String, byte[]> produced = CloudEventWriter.record(event());
        assertThat(produced.headers().lastHeader("traceparent")).isNull();

        new ConsumerSpans(sdk).applied("dashboard-service", List.of(consumed(produced)), 1_000L, 2_000L);
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aMalformedTraceparentIsIgnored() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-not-a-trace-01".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("telops.phone-events", 0, 7L, 0L,
                TimestampType.CREATE_TIME, 0, 0, MAC, new byte[0], headers, Optional.empty());

        new ConsumerSpans(sdk).applied("dashboard-service", List.of(record), 1_000L, 2_000L);
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void aStoredTraceparentIsWrittenBackLater() {
        String stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        RecordHeaders headers = new RecordHeaders();
        TraceHeaders.inject(headers, Optional.of(stored));
        assertThat(new String(headers.lastHeader("traceparent").value(), StandardCharsets.UTF_8)).isEqualTo(stored);

        RecordHeaders none = new RecordHeaders();
        TraceHeaders.inject(none, Optional.of("garbage"));
        assertThat(none.lastHeader("traceparent")).isNull();
    }

    @Test
    void theCurrentSpanCanBeKeptForLater() {
        assertThat(TraceHeaders.currentTraceparent()).isEmpty();
        Span span = sdk.getTracer("test").spanBuilder("work").startSpan();
        try (Scope ignored = span.makeCurrent()) {
            assertThat(TraceHeaders.currentTraceparent()).contains("00-" + span.getSpanContext().getTraceId() + "-"
                    + span.getSpanContext().getSpanId() + "-01");
        } finally {
            span.end();
        }
    }

    private static OutgoingEvent event() {
        return OutgoingEvent.of(UUID.randomUUID(), "/telops/test", Instant.parse("2026-12-07T10:00:00Z"), MAC,
                new OffHook(MAC, "10.0.0.5", Instant.parse("2026-12-07T10:00:00Z"), "Z"));
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> produced) {
        return new ConsumerRecord<>(produced.topic(), 0, 7L, 0L, TimestampType.CREATE_TIME, 0, 0, produced.key(),
                produced.value(), produced.headers(), Optional.empty());
    }
}
