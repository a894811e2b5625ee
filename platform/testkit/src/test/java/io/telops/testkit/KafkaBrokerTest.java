package io.telops.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.telops.contracts.Topics;

@ExtendWith(InfrastructureExtension.class)
class KafkaBrokerTest {

    @Test
    void sharedBrokerHasThePlatformTopicsAndRoundTripsWithAcksAll(KafkaBroker kafka) throws Exception {
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).containsAll(Topics.ALL);
            String topic = "testkit-" + UUID.randomUUID();
            admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get(20, TimeUnit.SECONDS);
            KafkaAdmin.awaitVisible(admin, Set.of(topic));
            TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic);
            assertThat(description.partitions()).hasSize(2);

            try (KafkaProducer<String, String> producer = producer(kafka)) {
                RecordMetadata sent = producer.send(new ProducerRecord<>(topic, "0004F214B89E", "hello")).get(20, TimeUnit.SECONDS);
                assertThat(sent.offset()).isZero();
            }
            List<ConsumerRecord<String, String>> read = readAll(kafka, topic, 1);
            assertThat(read).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("0004F214B89E");
                assertThat(r.value()).isEqualTo("hello");
            });
        }
    }

    @Test
    void committedRecordSurvivesABrokerRestart() throws Exception {
        try (KafkaBroker broker = KafkaBroker.onFreePorts().start()) {
            String topic = "durable";
            broker.createTopics(List.of(topic), 1);
            try (KafkaProducer<String, String> producer = producer(broker)) {
                producer.send(new ProducerRecord<>(topic, "k", "before-restart")).get(20, TimeUnit.SECONDS);
            }
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(LoopbackPorts.isFree(broker.port())).isTrue();

            broker.start();
            List<ConsumerRecord<String, String>> read = readAll(broker, topic, 1);
            assertThat(read).extracting(ConsumerRecord::value).containsExactly("before-restart");
        }
    }

    @Test
    void startRefusesAPortInUse() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            KafkaBroker broker = new KafkaBroker(java.nio.file.Files.createTempDirectory("busy"),
                    socket.getLocalPort(), LoopbackPorts.free());
            org.assertj.core.api.Assertions.assertThatThrownBy(broker::start)
                    .hasMessageContaining("already in use").hasMessageContaining(String.valueOf(socket.getLocalPort()));
        }
    }

    static KafkaProducer<String, String> producer(KafkaBroker kafka) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer());
    }

    static List<ConsumerRecord<String, String>> readAll(KafkaBroker kafka, String topic, int expected) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "testkit-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(250)).forEach(records::add);
            }
        }
        return records;
    }
}
