package io.telops.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * W3C trace context ({@code traceparent}, {@code tracestate}) in Kafka record headers, so a phone push, its record and
 * the consumer that applies it share one trace. Only the OpenTelemetry API: without an SDK, or with it disabled, there
 * is never a valid span and nothing is written.
 */
public final class TraceHeaders {
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapSetter<Headers> SETTER = (headers, name, value) -> {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    };
    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> names = new ArrayList<>();
            headers.forEach(h -> names.add(h.key()));
            return names;
        }

        @Override
        public String get(Headers headers, String name) {
            Header header = headers == null ? null : headers.lastHeader(name);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private TraceHeaders() {
    }

    /** Writes the current span's context, if there is one. */
    public static void inject(Headers headers) {
        W3C.inject(Context.current(), headers, SETTER);
    }

    /** Writes a context captured earlier (an outbox row's {@code traceparent}), if it is a valid one. */
    public static void inject(Headers headers, Optional<String> traceparent) {
        traceparent.filter(t -> !t.isBlank()).ifPresent(t -> {
            Headers stored = new RecordHeaders();
            stored.add(TRACEPARENT, t.getBytes(StandardCharsets.UTF_8));
            W3C.inject(extract(stored), headers, SETTER);
        });
    }

    /** The current span as a {@code traceparent} value, to be stored with work that is published later. */
    public static Optional<String> currentTraceparent() {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return Optional.empty();
        }
        return Optional.of("00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex());
    }

    /**
     * The current span as a {@code traceparent} value only while it is recording: with the SDK off (or a span not
     * sampled) nothing is kept, so an outbox row carries a trace exactly when the trace exists.
     */
    public static Optional<String> recordingTraceparent() {
        return Span.current().isRecording() ? currentTraceparent() : Optional.empty();
    }

    /** The producer's context as a parent for the consumer's span; {@link Context#root()} when the record has none. */
    public static Context extract(Headers headers) {
        return W3C.extract(Context.root(), headers, GETTER);
    }
}
