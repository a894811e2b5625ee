package io.telops.billing.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import io.telops.contracts.CloudEventHeaders;

/**
 * Publishes committed outbox rows to Kafka as CloudEvents (binary mode) and marks them published only after
 * the broker acknowledged them (acks=all, idempotent producer). Rows are claimed with FOR UPDATE SKIP
 * LOCKED, so several instances can relay side by side; a failed send rolls back and is retried.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String SOURCE = "/billing-agi-service";
    private static final int BATCH = 500;

    private final EntityManager em;
    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry metrics;
    private KafkaProducer<String, String> producer;

    OutboxRelay(EntityManager em, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, MeterRegistry metrics) {
        this.em = em;
        this.kafkaConfig = kafkaConfig;
        this.metrics = metrics;
    }

    @Scheduled(every = "${telops.outbox.relay-interval:500ms}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            int sent;
            do {
                sent = relayBatch();
            } while (sent == BATCH);
        } catch (RuntimeException e) {
            metrics.counter("telops.outbox.relay.failures").increment();
            LOG.warnf("outbox relay: %s (will retry)", e.toString());
        }
    }

    /** Publishes up to one batch; returns how many rows were published. */
    @Transactional
    public int relayBatch() {
        // one relay at a time across replicas keeps the per-key order of the table on the topic
        Object leader = em.createNativeQuery("select pg_try_advisory_xact_lock(4573001)").getSingleResult();
        if (!Boolean.TRUE.equals(leader)) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, topic, event_key, ce_type, payload, occurred_at "
                + "from outbox_event where published_at is null order by seq limit " + BATCH
                + " for update skip locked").getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        List<UUID> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            ProducerRecord<String, String> record = new ProducerRecord<>((String) row[1], (String) row[2], (String) row[4]);
            header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
            header(record, CloudEventHeaders.ID, id.toString());
            header(record, CloudEventHeaders.TYPE, (String) row[3]);
            header(record, CloudEventHeaders.SOURCE, SOURCE);
            header(record, CloudEventHeaders.TIME, instant(row[5]).toString());
            header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            acks.add(producer().send(record));
            ids.add(id);
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("broker did not acknowledge an outbox event", e);
            }
        }
        em.createNativeQuery("update outbox_event set published_at = now() where id = any(?1)")
                .setParameter(1, ids.toArray(new UUID[0])).executeUpdate();
        metrics.counter("telops.outbox.published").increment(ids.size());
        return ids.size();
    }

    /** Published rows are kept a week for audits, then removed. */
    @Scheduled(cron = "${telops.outbox.purge-cron:0 17 3 * * ?}")
    @Transactional
    void purge() {
        int n = em.createNativeQuery("delete from outbox_event where published_at < now() - interval '7 days'").executeUpdate();
        if (n > 0) {
            LOG.infof("outbox: purged %d published events", n);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(String.valueOf(value));
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>();
            kafkaConfig.forEach((k, v) -> {
                if (ProducerConfig.configNames().contains(k)) {
                    config.put(k, v);
                }
            });
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "billing-outbox-relay");
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10000);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
