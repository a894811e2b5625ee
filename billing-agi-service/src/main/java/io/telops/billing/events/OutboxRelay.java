package io.telops.billing.events;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.telops.contracts.CloudEventHeaders;

/**
 * Publishes committed outbox rows to Kafka as CloudEvents (binary mode) and marks them published only after
 * the broker acknowledged them (acks=all, idempotent producer). Rows are claimed with FOR UPDATE SKIP
 * LOCKED, so several instances can relay side by side; a failed send rolls back and is retried.
 *
 * <p>It runs on plain JDBC (no ORM session, no JTA) and often, in small batches, on a thread of its own: the relay
 * shares two cores with the FastAGI path, and a burst of several hundred rows at once shows as a stall in the
 * authorisations that land in it. Not {@code @Scheduled}: Quarkus' simple scheduler checks its triggers once a
 * second, so an interval below a second silently became one burst a second. The "published" mark commits without
 * waiting for its WAL flush: losing it in a crash only publishes those events again, and consumers de-duplicate
 * on ce_id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String SOURCE = "/billing-agi-service";
    private static final int BATCH = 500;
    /** The advisory lock held by the replica that relays: one relay at a time keeps the per-key order of the table on the topic. */
    static final long LEADER_LOCK = 4573001;
    private static final String LEADER = "select pg_try_advisory_xact_lock(" + LEADER_LOCK + ")";
    private static final String CLAIM = "select id, topic, event_key, ce_type, payload, occurred_at from outbox_event "
            + "where published_at is null order by seq limit " + BATCH + " for update skip locked";
    private static final String MARK = "set local synchronous_commit = off; "
            + "update outbox_event set published_at = now() where id = any(?)";

    private final AgroalDataSource dataSource;
    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry metrics;
    private final Duration interval;
    private final Counter runs;
    private ScheduledExecutorService thread;
    private KafkaProducer<String, String> producer;

    OutboxRelay(AgroalDataSource dataSource, @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
                MeterRegistry metrics, @ConfigProperty(name = "telops.outbox.relay-interval", defaultValue = "100ms") Duration interval) {
        this.dataSource = dataSource;
        this.kafkaConfig = kafkaConfig;
        this.metrics = metrics;
        this.interval = interval;
        this.runs = metrics.counter("telops.outbox.relay.runs");
    }

    void start(@Observes StartupEvent event) {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "telops-outbox-relay");
            t.setDaemon(true);
            return t;
        });
        // fixed delay: a slow batch (a broker outage) postpones the next run instead of queueing runs behind it
        thread.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (thread != null) {
            thread.shutdown();
            thread.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** One run: batches until the table has no unpublished row left (or a batch fails; the next run retries). */
    void tick() {
        runs.increment();
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
    public int relayBatch() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int published = relayBatch(c);
                c.commit();
                return published;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("outbox relay: " + e.getMessage(), e);
        }
    }

    private int relayBatch(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet leader = st.executeQuery(LEADER)) {
            if (!leader.next() || !leader.getBoolean(1)) {
                return 0;
            }
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rows = st.executeQuery(CLAIM)) {
            while (rows.next()) {
                UUID id = rows.getObject(1, UUID.class);
                ProducerRecord<String, String> record = new ProducerRecord<>(rows.getString(2), rows.getString(3), rows.getString(5));
                header(record, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
                header(record, CloudEventHeaders.ID, id.toString());
                header(record, CloudEventHeaders.TYPE, rows.getString(4));
                header(record, CloudEventHeaders.SOURCE, SOURCE);
                header(record, CloudEventHeaders.TIME, rows.getObject(6, OffsetDateTime.class).toInstant().toString());
                header(record, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
                header(record, CloudEventHeaders.SUBJECT, rows.getString(3)); // the key, as the other services send it
                acks.add(producer().send(record));
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("broker did not acknowledge an outbox event", e);
            }
        }
        try (PreparedStatement mark = c.prepareStatement(MARK)) {
            mark.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            mark.executeUpdate();
        }
        metrics.counter("telops.outbox.published").increment(ids.size());
        return ids.size();
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
