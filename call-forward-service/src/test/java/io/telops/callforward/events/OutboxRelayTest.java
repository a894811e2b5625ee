package io.telops.callforward.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.telops.callforward.config.Mongo;
import io.telops.contracts.EventJson;
import io.telops.contracts.Topics;
import io.telops.contracts.callforward.CallReceived;
import io.telops.outbox.OutboxRelay;
import io.telops.outbox.OutboxSettings;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.KafkaBroker;
import io.telops.testkit.LoopbackPorts;
import io.telops.testkit.MongoWireServer;

/** The platform relay on call-forward's MongoDB outbox: events accepted while Kafka is down wait, then go out in order. */
@ExtendWith(InfrastructureExtension.class)
class OutboxRelayTest {
    private static final String SOURCE = "/call-forward-service";

    @Test
    void eventsSurviveABrokerOutageAndKeepTheirIdsAndOrder(MongoWireServer mongoServer, KafkaBroker broker) throws Exception {
        Mongo mongo = new Mongo("outbox-test-" + UUID.randomUUID());
        try (MongoClient client = MongoClients.create(mongoServer.connectionString())) {
            Outbox outbox = new Outbox(client, mongo);
            OutboxMongoStore store = new OutboxMongoStore(client, mongo, Duration.ofSeconds(30), true);
            String call = UUID.randomUUID().toString();
            String[] ids = {UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString()};

            assertThat(outbox.add(ids[0], call, received(call, "forward"))).isTrue();
            assertThat(outbox.add(ids[0], call, received(call, "forward"))).as("same id twice").isFalse();
            // the broker is unreachable (nothing listens there): the relay fails and keeps every event
            OutboxSettings quick = OutboxSettings.defaults().ackTimeout(Duration.ofSeconds(2));
            OutboxRelay down = new OutboxRelay(store, quick, SOURCE,
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + LoopbackPorts.free()), new SimpleMeterRegistry());
            assertThatThrownBy(down::drain).isInstanceOf(IllegalStateException.class);
            down.stop();
            // the service keeps answering callbacks meanwhile: their events wait in MongoDB
            outbox.add(ids[1], call, received(call, "voicemail-after-hours"));
            outbox.add(ids[2], call, received(call, "voicemail-number"));

            OutboxRelay relay = new OutboxRelay(store, OutboxSettings.defaults(), SOURCE,
                    Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new SimpleMeterRegistry());
            assertThat(store.backlog().depth()).isEqualTo(3);
            assertThat(relay.drain()).isEqualTo(3);
            assertThat(store.backlog().depth()).isZero();
            relay.stop();

            assertThat(outbox.add(ids[0], call, received(call, "forward"))).as("published, kept until the purge").isFalse();
            assertThat(store.purge(Instant.now().plusSeconds(1), 2)).isEqualTo(3);
            assertThat(outbox.add(ids[0], call, received(call, "forward"))).as("purged").isTrue();

            List<ConsumerRecord<String, String>> read = readAll(broker, call, 3);
            assertThat(read).extracting(ConsumerRecord::key).containsOnly(call);
            assertThat(read).extracting(r -> header(r, "ce_id")).containsExactly(ids);
            assertThat(read).extracting(r -> header(r, "ce_type")).containsOnly("io.telops.call.call-received.v1");
            assertThat(read).extracting(r -> header(r, "ce_source")).containsOnly(SOURCE);
            CallReceived body = EventJson.mapper().readValue(read.get(2).value(), CallReceived.class);
            assertThat(body.route()).isEqualTo("voicemail-number");
            assertThat(body.lineId()).contains("line-1");
        }
    }

    /** A callback's trace continues through MongoDB: the record carries the span that wrote the event, or nothing. */
    @Test
    void anEventAddedInsideASpanIsPublishedWithItsTraceAndOneAddedOutsideWithout(MongoWireServer mongoServer,
                                                                                 KafkaBroker broker) throws Exception {
        Mongo mongo = new Mongo("outbox-trace-" + UUID.randomUUID());
        try (MongoClient client = MongoClients.create(mongoServer.connectionString());
             SdkTracerProvider tracing = SdkTracerProvider.builder().build()) {
            Outbox outbox = new Outbox(client, mongo);
            String call = UUID.randomUUID().toString();
            String traced = UUID.randomUUID().toString();
            String untraced = UUID.randomUUID().toString();
            Span span = tracing.get("test").spanBuilder("POST /plivo/answer").startSpan();
            try (Scope ignored = span.makeCurrent()) {
                outbox.add(traced, call, received(call, "forward"));
            } finally {
                span.end();
            }
            outbox.add(untraced, call, received(call, "voicemail-number"));

            OutboxRelay relay = new OutboxRelay(new OutboxMongoStore(client, mongo, Duration.ofSeconds(30), true),
                    OutboxSettings.defaults(), SOURCE, Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                    new SimpleMeterRegistry());
            assertThat(relay.drain()).isEqualTo(2);
            relay.stop();

            List<ConsumerRecord<String, String>> read = readAll(broker, call, 2);
            assertThat(read).extracting(r -> header(r, "ce_id")).containsExactly(traced, untraced);
            String[] traceparent = header(read.get(0), "traceparent").split("-");
            assertThat(traceparent[1]).isEqualTo(span.getSpanContext().getTraceId());
            assertThat(traceparent[2]).isEqualTo(span.getSpanContext().getSpanId());
            assertThat(read.get(1).headers().lastHeader("traceparent")).as("no span, no header").isNull();
        }
    }

    @Test
    void onlyTheRelayHoldingTheLeaseClaimsAndAnExpiredLeaseIsTakenOver(MongoWireServer mongoServer) throws Exception {
        Mongo mongo = new Mongo("outbox-lease-" + UUID.randomUUID());
        try (MongoClient client = MongoClients.create(mongoServer.connectionString())) {
            Outbox outbox = new Outbox(client, mongo);
            String call = UUID.randomUUID().toString();
            outbox.add(UUID.randomUUID().toString(), call, received(call, "forward"));
            OutboxMongoStore first = new OutboxMongoStore(client, mongo, Duration.ofMillis(800), false);
            OutboxMongoStore second = new OutboxMongoStore(client, mongo, Duration.ofMillis(800), false);

            try (var claim = first.claim(10, Duration.ZERO)) {
                assertThat(claim.events()).hasSize(1);
            }
            try (var claim = second.claim(10, Duration.ZERO)) {
                assertThat(claim.events()).as("the first relay holds the lease").isEmpty();
            }
            Thread.sleep(1000); // the first relay stopped renewing: its lease expired
            try (var claim = second.claim(10, Duration.ZERO)) {
                assertThat(claim.events()).hasSize(1);
            }
            try (var claim = first.claim(10, Duration.ZERO)) {
                assertThat(claim.events()).as("now the second one holds it").isEmpty();
            }
        }
    }

    static CallReceived received(String call, String route) {
        return new CallReceived(call, Optional.of("line-1"), "14155550111", "14154009186", route, Instant.now());
    }

    static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    static List<ConsumerRecord<String, String>> readAll(KafkaBroker broker, String key, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(Topics.CALL_EVENTS, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        out.add(r);
                    }
                });
            }
            return out;
        }
    }
}
