package io.telops.callforward.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import io.telops.callforward.config.Mongo;
import io.telops.contracts.EventJson;
import io.telops.contracts.Topics;
import io.telops.contracts.callforward.CallReceived;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.KafkaBroker;
import io.telops.testkit.MongoWireServer;

/** Events accepted while Kafka is down wait in the outbox and are published, in order, once it is back. */
@ExtendWith(InfrastructureExtension.class)
class OutboxRelayTest {
    @Test
    void eventsSurviveABrokerOutageAndKeepTheirIdsAndOrder(MongoWireServer mongoServer, KafkaBroker broker) throws Exception {
        Mongo mongo = new Mongo("outbox-test-" + UUID.randomUUID());
        try (MongoClient client = MongoClients.create(mongoServer.connectionString())) {
            Outbox outbox = new Outbox(client, mongo);
            String call = UUID.randomUUID().toString();
            String[] ids = {UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString()};

            assertThat(outbox.add(ids[0], call, received(call, "forward"))).isTrue();
            assertThat(outbox.add(ids[0], call, received(call, "forward"))).as("same id twice").isFalse();
            // the broker is unreachable (nothing listens there): the relay fails and keeps every event
            OutboxRelay down = new OutboxRelay(client, mongo, new SimpleMeterRegistry(),
                    "127.0.0.1:" + io.telops.testkit.LoopbackPorts.free(), Duration.ofSeconds(2));
            assertThatThrownBy(down::relay).isInstanceOf(IllegalStateException.class);
            down.close();
            // the service keeps answering callbacks meanwhile: their events wait in MongoDB
            outbox.add(ids[1], call, received(call, "voicemail-after-hours"));
            outbox.add(ids[2], call, received(call, "voicemail-number"));

            OutboxRelay relay = new OutboxRelay(client, mongo, new SimpleMeterRegistry(), broker.bootstrapServers(), Duration.ofSeconds(30));
            assertThat(relay.pending()).isEqualTo(3);
            assertThat(relay.relay()).isEqualTo(3);
            assertThat(relay.pending()).isZero();
            relay.close();

            List<ConsumerRecord<String, String>> read = readAll(broker, call, 3);
            assertThat(read).extracting(ConsumerRecord::key).containsOnly(call);
            assertThat(read).extracting(r -> header(r, "ce_id")).containsExactly(ids);
            assertThat(read).extracting(r -> header(r, "ce_type")).containsOnly("io.telops.call.call-received.v1");
            assertThat(read).extracting(r -> header(r, "ce_source")).containsOnly("/call-forward-service");
            CallReceived body = EventJson.mapper().readValue(read.get(2).value(), CallReceived.class);
            assertThat(body.route()).isEqualTo("voicemail-number");
            assertThat(body.lineId()).contains("line-1");
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
