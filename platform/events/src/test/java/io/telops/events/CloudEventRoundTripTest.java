package io.telops.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.telops.contracts.Topics;
import io.telops.contracts.phone.OnHook;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.KafkaBroker;

/** A contracts record written by the writer, sent through the testkit's real broker, read back by the reader. */
@ExtendWith(InfrastructureExtension.class)
class CloudEventRoundTripTest {
    private static final String SOURCE = "/event-ingest-service";

    @Test
    void whatTheWriterSendsTheReaderReadsBackAsTheSameRecord(KafkaBroker kafka) throws Exception {
        String mac = unique();
        UUID id = UUID.randomUUID();
        Instant occurred = Instant.parse("2026-12-07T11:30:00.5Z");
        OnHook sent = new OnHook(mac, "10.0.0.9", occurred, "-08:00");

        long offset;
        int partition;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            var metadata = producer.send(CloudEventWriter.record(OutgoingEvent.of(id, SOURCE, occurred, mac, sent))).get();
            offset = metadata.offset();
            partition = metadata.partition();
        }

        ConsumerRecord<String, byte[]> received = fetch(kafka, new TopicPartition(Topics.PHONE_EVENTS, partition), offset);
        ConsumedRecord read = CloudEventReader.read(received);
        assertThat(read).isInstanceOfSatisfying(ConsumedRecord.Event.class, e -> {
            CloudEvent event = e.event();
            assertThat(event.id()).isEqualTo(id.toString());
            assertThat(event.type()).isEqualTo("io.telops.phone.on-hook.v1");
            assertThat(event.source()).contains(SOURCE);
            assertThat(event.time()).contains(occurred);
            assertThat(event.key()).isEqualTo(mac);
            assertThat(event.position()).isEqualTo(Topics.PHONE_EVENTS + "-" + partition + "@" + offset);
            assertThat(EventBody.of(event)).isEqualTo(new EventBody.Known(
                    OutgoingEvent.typeOf(sent), sent));
        });
    }

    private static ConsumerRecord<String, byte[]> fetch(KafkaBroker kafka, TopicPartition partition, long offset) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == offset) {
                        return record;
                    }
                }
            }
            throw new AssertionError("record " + partition + "@" + offset + " did not arrive in 30 s");
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    }
}
