package io.telops.events;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.telops.contracts.CloudEventHeaders;

/**
 * Records, for each consumed record that carries a trace context, a consumer span "{@code <topic> process}" as a
 * child of the producer's span, covering the batch that applied it. Written after the batch, so the apply path pays
 * nothing; without an OpenTelemetry SDK (or with it disabled) it does nothing.
 */
@ApplicationScoped
public class ConsumerSpans {
    private final Tracer tracer;

    @Inject
    ConsumerSpans(Instance<OpenTelemetry> openTelemetry) {
        this(openTelemetry.isResolvable() ? openTelemetry.get() : OpenTelemetry.noop());
    }

    public ConsumerSpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.telops.events");
    }

    /** {@code startNanos}/{@code endNanos}: epoch nanoseconds of the batch's start and of its commit. */
    public void applied(String consumerGroup, Iterable<ConsumerRecord<String, byte[]>> records, long startNanos,
                        long endNanos) {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.headers().lastHeader(TraceHeaders.TRACEPARENT) == null) {
                continue;
            }
            Context parent = TraceHeaders.extract(record.headers());
            if (!Span.fromContext(parent).getSpanContext().isValid()) {
                continue;
            }
            Span span = tracer.spanBuilder(record.topic() + " process")
                    .setParent(parent)
                    .setSpanKind(SpanKind.CONSUMER)
                    .setStartTimestamp(startNanos, TimeUnit.NANOSECONDS)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation.type", "process")
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("messaging.consumer.group.name", consumerGroup)
                    .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
                    .setAttribute("messaging.kafka.offset", record.offset())
                    .setAttribute("messaging.message.id", header(record, CloudEventHeaders.ID))
                    .startSpan();
            span.end(endNanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Now, in epoch nanoseconds (milliseconds' precision is enough for a batch). */
    public static long epochNanos() {
        return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
