package io.telops.outbox.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.telops.contracts.CloudEventHeaders;

/**
 * Reads one phase's topic from its beginning on a thread of its own and stamps the first receipt of every ce_id.
 * Counts what a consumer would have to de-duplicate, and records that carry no usable ce_id or the wrong headers.
 */
final class Receiver implements AutoCloseable {
    private static final Set<String> REQUIRED = Set.of(CloudEventHeaders.ID, CloudEventHeaders.TYPE, CloudEventHeaders.SOURCE,
            CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.TIME, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.SUBJECT);

    private final Workload workload;
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger malformed = new AtomicInteger();
    private final Map<String, String> lastHeaders = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    Receiver(String bootstrapServers, Workload workload) {
        this.workload = workload;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(workload.topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toList());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.forEach(consumer::position); // resolves the start offsets now, not on the first poll while events arrive
        this.thread = new Thread(this::run, "bench-receiver-" + workload.topic);
        thread.start();
    }

    private void run() {
        while (running) {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(50))) {
                long now = System.nanoTime();
                Header id = r.headers().lastHeader(CloudEventHeaders.ID);
                int i = id == null ? -1 : workload.indexOf(parse(id.value()));
                if (i < 0 || !hasHeaders(r)) {
                    malformed.incrementAndGet();
                    continue;
                }
                if (workload.receivedAt[i] != 0) {
                    duplicates.incrementAndGet();
                    continue;
                }
                workload.receivedAt[i] = now;
                if (received.incrementAndGet() == 1) {
                    r.headers().forEach(h -> lastHeaders.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
                    lastHeaders.put("(key)", String.valueOf(r.key()));
                }
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    private static boolean hasHeaders(ConsumerRecord<String, String> r) {
        for (String name : REQUIRED) {
            if (r.headers().lastHeader(name) == null) {
                return false;
            }
        }
        return r.key() != null;
    }

    private static UUID parse(byte[] value) {
        try {
            return UUID.fromString(new String(value, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return new UUID(0, 0);
        }
    }

    /** Waits until every event arrived once; false at the timeout. */
    boolean awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.get() < workload.size()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Keeps reading a little longer so that late duplicates are counted too. */
    void settle(Duration quiet) throws InterruptedException {
        Thread.sleep(quiet.toMillis());
    }

    int received() {
        return received.get();
    }

    int duplicates() {
        return duplicates.get();
    }

    int malformed() {
        return malformed.get();
    }

    /** Headers and key of the first record received, to show what a consumer gets. */
    Map<String, String> sampleHeaders() {
        return Map.copyOf(lastHeaders);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
