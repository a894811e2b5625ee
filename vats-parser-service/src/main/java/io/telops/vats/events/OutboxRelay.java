package io.telops.vats.events;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.Topics;

/**
 * Publishes the outbox to {@code telops.vats-trunks} in commit order: locks a batch with
 * {@code FOR UPDATE SKIP LOCKED} (several instances may run), sends every record, waits for the
 * broker's acknowledgement of each (acks=all, idempotent producer), and only then marks them published
 * in the same transaction. A crash between ack and commit republishes with the same {@code ce_id},
 * which consumers de-duplicate.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String SOURCE = "/vats-parser-service";
    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final String bootstrapServers;
    private final Counter published;
    private KafkaProducer<String, String> producer;

    OutboxRelay(DataSource dataSource, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                MeterRegistry registry) {
        this.dataSource = dataSource;
        this.bootstrapServers = bootstrapServers;
        this.published = registry.counter("vats.outbox.published");
        registry.gauge("vats.outbox.pending", this, OutboxRelay::pendingQuietly);
    }

    @Scheduled(every = "${telops.vats.outbox.every:1s}", delayed = "${telops.vats.outbox.delayed:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            while (relayBatch() == BATCH) {
                // keep going while full batches come back
            }
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay: %s; retrying on the next tick", e.getMessage());
        }
    }

    /** Publishes one batch; answers how many records it published. */
    @Transactional
    public int relayBatch() {
        List<Pending> batch = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT seq, event_id, event_type, event_key, payload, occurred_at FROM outbox "
                     + "WHERE published_at IS NULL ORDER BY seq LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    batch.add(new Pending(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the outbox", e);
        }
        if (batch.isEmpty()) {
            return 0;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            acks.add(producer().send(record(p)));
        }
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("broker did not acknowledge: " + e.getMessage(), e);
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE outbox SET published_at = ? WHERE seq = ?")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (Pending p : batch) {
                ps.setTimestamp(1, now);
                ps.setLong(2, p.seq());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot mark the outbox published", e);
        }
        published.increment(batch.size());
        return batch.size();
    }

    private static ProducerRecord<String, String> record(Pending p) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(CloudEventHeaders.ID, bytes(p.eventId().toString()));
        headers.add(CloudEventHeaders.TYPE, bytes(p.type()));
        headers.add(CloudEventHeaders.SOURCE, bytes(SOURCE));
        headers.add(CloudEventHeaders.TIME, bytes(p.occurredAt().toString()));
        headers.add(CloudEventHeaders.SUBJECT, bytes(p.key()));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        return new ProducerRecord<>(Topics.VATS_TRUNKS, null, p.key(), p.payload(), headers);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, "vats-parser-service-outbox");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    private double pendingQuietly() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox WHERE published_at IS NULL");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : Double.NaN;
        } catch (SQLException | RuntimeException e) {
            return Double.NaN;
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    private record Pending(long seq, UUID eventId, String type, String key, String payload, Instant occurredAt) {
    }
}
