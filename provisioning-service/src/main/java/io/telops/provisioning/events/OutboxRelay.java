package io.telops.provisioning.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.Topics;

/**
 * Publishes outbox rows to {@code telops.provisioning-events} as CloudEvents (binary mode), keyed by
 * MAC, in occurrence order. Rows are locked with FOR UPDATE SKIP LOCKED so several instances can
 * relay, and marked published only after the broker acknowledged them (acks=all, idempotent producer).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;

    @Inject
    EntityManager em;
    @Inject
    MeterRegistry metrics;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    private volatile KafkaProducer<String, byte[]> producer;

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    Properties p = new Properties();
                    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
                    p.put(ProducerConfig.ACKS_CONFIG, "all");
                    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
                    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
                    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
                    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
                    p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
                    producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
                }
            }
        }
        return producer;
    }

    @Scheduled(every = "${telops.provisioning.outbox-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        try {
            while (relayBatch() == BATCH) {
                // drain a backlog without waiting for the next tick
            }
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay paused: %s", e.getMessage());
        }
    }

    /** Publishes one batch; returns how many rows were published. */
    public int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<OutboxEvent> rows = em.createNativeQuery("SELECT * FROM outbox_event WHERE published_at IS NULL "
                    + "ORDER BY occurred_at, id LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED", OutboxEvent.class).getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            for (OutboxEvent row : rows) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PROVISIONING_EVENTS, row.mac,
                        row.payload.getBytes(StandardCharsets.UTF_8));
                Map.of(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0,
                        CloudEventHeaders.ID, row.id.toString(),
                        CloudEventHeaders.TYPE, row.eventType,
                        CloudEventHeaders.SOURCE, "/" + serviceName,
                        CloudEventHeaders.TIME, row.occurredAt.toString(),
                        CloudEventHeaders.SUBJECT, row.mac,
                        CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON)
                        .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                acks.add(producer().send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS); // throws: the transaction rolls back and the rows stay unpublished
            }
            Instant now = Instant.now();
            for (OutboxEvent row : rows) {
                row.publishedAt = now;
            }
            metrics.counter("telops_provisioning_events_published_total").increment(rows.size());
            return rows.size();
        });
    }

    /** Published rows older than a day are removed; the topic is the record of them. */
    @Scheduled(every = "1h")
    void purge() {
        QuarkusTransaction.requiringNew().run(() -> OutboxEvent.delete("publishedAt < ?1", Instant.now().minusSeconds(86_400)));
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
