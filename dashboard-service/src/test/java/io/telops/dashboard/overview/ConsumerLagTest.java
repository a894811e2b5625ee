package io.telops.dashboard.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.telops.dashboard.Eventually;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * A watched consumer group (the test profile adds {@code dashboard-lag-probe}) that falls more than the threshold
 * (1,000 records) behind is listed with its lag, from the broker's committed offsets, and is gone once it caught up.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class ConsumerLagTest {
    private static final String GROUP = "dashboard-lag-probe";

    @Test
    void aGroupBehindThePartitionEndIsListedUntilItCatchesUp() {
        String topic = "telops.lag-probe-" + UUID.randomUUID();
        TopicPartition partition = new TopicPartition(topic, 0);
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 1_200; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k" + i, "{}"));
            }
            producer.flush();
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        String subject = "Consumer group " + GROUP + " on " + topic;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(java.util.List.of(partition));
            // read 150 of 1,200: 1,050 behind, over the threshold of 1,000
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(150)));
            Instant committed = Instant.now();
            Eventually.within(Duration.ofSeconds(20), () -> assertThat(OverviewTest.attention().getList("subject")).contains(subject));
            JsonPath attention = OverviewTest.attention();
            int index = attention.getList("subject").indexOf(subject);
            assertThat(attention.getString("[" + index + "].kind")).isEqualTo("CONSUMER_LAG");
            assertThat(attention.getString("[" + index + "].detail")).isEqualTo("1050 records behind (threshold 1000)");
            assertThat(attention.getString("[" + index + "].link")).isEqualTo("/feed?topic=" + topic);
            Instant since = Instant.parse(attention.getString("[" + index + "].since"));
            assertThat(since).isAfterOrEqualTo(committed.minusSeconds(1));
            // the "since" stays while it is still behind
            assertThat(OverviewTest.attention().getString("find { it.subject == '" + subject + "' }.since")).isEqualTo(since.toString());

            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(1_200)));
            Eventually.within(Duration.ofSeconds(20), () -> assertThat(OverviewTest.attention().getList("subject")).doesNotContain(subject));
        }
    }
}
