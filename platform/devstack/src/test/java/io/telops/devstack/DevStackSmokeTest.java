package io.telops.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.telops.contracts.Topics;
import io.telops.testkit.LoopbackPorts;

/**
 * End to end through the local run: the packaged services start on embedded infrastructure, become ready,
 * Kafka carries a record, and stopping leaves no process and no bound port behind.
 */
class DevStackSmokeTest {

    @Test
    void wholePlatformStartsServesAndStopsCleanly() throws Exception {
        Path root = Path.of(System.getProperty("telops.root", "../..")).toAbsolutePath().normalize();
        Path dataDir = Files.createTempDirectory("telops-devstack");
        StackPorts ports = StackPorts.free();
        List<ProcessHandle> processes = new ArrayList<>();

        long started = System.nanoTime();
        try (DevStack stack = new DevStack(root, dataDir, ports, DevStackMain.adminUserConfig("smoke-test"))) {
            stack.start(Duration.ofMinutes(5));
            System.out.printf("devstack ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
            stack.serviceProcesses().values().forEach(p -> processes.add(ProcessHandle.of(p.pid()).orElseThrow()));
            assertThat(processes).hasSize(6).allMatch(ProcessHandle::isAlive);

            for (ServiceSpec spec : DevStack.SERVICES) {
                assertThat(stack.readiness(spec.name())).as(spec.name()).startsWith("200 ").contains("\"UP\"");
            }

            String key = "0004F214B89E";
            String value = "{\"smoke\":\"" + UUID.randomUUID() + "\"}";
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.PHONE_EVENTS, key, value)).get(30, TimeUnit.SECONDS);
            }
            assertThat(consumeUntil(stack.bootstrapServers(), value)).isTrue();
        }

        for (ProcessHandle process : processes) {
            process.onExit().get(30, TimeUnit.SECONDS);
            assertThat(process.isAlive()).isFalse();
        }
        List<Integer> all = new ArrayList<>(ports.http().values());
        all.addAll(List.of(ports.kafka(), ports.kafkaController(), ports.postgres(), ports.mongo()));
        assertThat(all).allMatch(LoopbackPorts::isFree, "port free after stop");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
                .as("no child process left").isEmpty();
    }

    private static boolean consumeUntil(String bootstrap, String expectedValue) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PHONE_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (expectedValue.equals(record.value())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
