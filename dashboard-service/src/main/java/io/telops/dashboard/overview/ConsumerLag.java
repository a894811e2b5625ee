package io.telops.dashboard.overview;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How far the platform's consumer groups are behind, read from the broker itself (committed offsets against the end
 * of each partition), so any service's consumers can be watched without scraping its metrics. A group and topic over
 * the threshold is remembered from the first read that saw it so, which gives the item its "since".
 */
@ApplicationScoped
public class ConsumerLag {
    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** One group's lag on one topic, summed over its partitions. */
    public record Lag(String group, String topic, long records, Instant since) {
    }

    private final String bootstrapServers;
    private final Map<String, Instant> overSince = new ConcurrentHashMap<>();
    private volatile Admin admin;

    ConsumerLag(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The (group, topic) pairs more than {@code threshold} records behind; empty when the broker cannot be asked. */
    public List<Lag> above(List<String> groups, long threshold) {
        Instant now = Instant.now();
        List<Lag> lagging = new ArrayList<>();
        try {
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                if (committed.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin().listOffsets(latest).all()
                        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                Map<String, Long> byTopic = new HashMap<>();
                committed.forEach((tp, offset) -> {
                    ListOffsetsResult.ListOffsetsResultInfo end = ends.get(tp);
                    if (offset != null && end != null) {
                        byTopic.merge(tp.topic(), Math.max(0, end.offset() - offset.offset()), Long::sum);
                    }
                });
                byTopic.forEach((topic, records) -> {
                    String key = group + "\n" + topic;
                    if (records > threshold) {
                        lagging.add(new Lag(group, topic, records, overSince.computeIfAbsent(key, k -> now)));
                    } else {
                        overSince.remove(key);
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the list still answers without this item; the broker's own readiness check reports the outage
            LOG.debugf(e, "consumer lag not available");
        }
        return lagging;
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                            AdminClientConfig.CLIENT_ID_CONFIG, "dashboard-service-lag"));
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(1));
        }
    }
}
