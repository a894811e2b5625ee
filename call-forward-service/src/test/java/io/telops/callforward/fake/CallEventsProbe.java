package io.telops.callforward.fake;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.Topics;

/** Reads {@code telops.call-events} from the real broker and keeps every CloudEvent seen, for assertions. */
public final class CallEventsProbe implements AutoCloseable {
    /** One event as a consumer sees it: key, CloudEvents headers and JSON body. */
    public record Event(String key, String id, String type, String source, Map<String, String> headers, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaConsumer<String, String> consumer;
    private final List<Event> seen = new ArrayList<>();

    public CallEventsProbe() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        // assigned partitions, no consumer group: nothing to wait for before the first poll
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.CALL_EVENTS, Duration.ofSeconds(30)).stream()
                .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Waits until events matching {@code filter} number at least {@code count}; returns them all. */
    public synchronized List<Event> await(Predicate<Event> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<Event> match = seen.stream().filter(filter).toList();
            if (match.size() >= count || System.nanoTime() > deadline) {
                return match;
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                Map<String, String> headers = new java.util.LinkedHashMap<>();
                for (Header h : r.headers()) {
                    headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                }
                try {
                    seen.add(new Event(r.key(), headers.get("ce_id"), headers.get("ce_type"), headers.get("ce_source"),
                            headers, JSON.readTree(r.value())));
                } catch (Exception e) {
                    throw new AssertionError("event body is not JSON: " + r.value(), e);
                }
            }
        }
    }

    /** All events seen with this key, after giving stragglers {@code settle} to arrive. */
    public List<Event> ofKey(String key, int atLeast, Duration timeout) {
        return await(e -> key.equals(e.key()), atLeast, timeout);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
