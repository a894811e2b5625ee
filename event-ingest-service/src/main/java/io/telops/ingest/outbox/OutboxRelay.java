package io.telops.ingest.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.Topics;
import io.telops.ingest.IngestConfig;
import io.telops.ingest.metrics.IngestMetrics;

/**
 * Publishes the outbox to {@code telops.phone-events}: CloudEvents binary mode, key = MAC. One relay thread
 * per instance locks a batch ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work), sends it, waits for
 * every ack, and marks only the acknowledged rows published in the same transaction. A broker outage leaves
 * rows unpublished; they go out when it returns. A row can be sent twice (ack lost, then retried): consumers
 * de-duplicate on ce_id, which is stored with the row and therefore identical on every attempt.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final IngestMetrics metrics;
    private final IngestConfig.Outbox config;
    private final String bootstrapServers;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private volatile long lastDepthCheck;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;

    OutboxRelay(OutboxStore store, IngestMetrics metrics, IngestConfig config,
                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.store = store;
        this.metrics = metrics;
        this.config = config.outbox();
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent ignored) {
        producer = new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running = false;
        wakeUp.release();
        if (thread != null) {
            thread.join(10_000);
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The producer settings: never lose an acknowledged record, and notice a dead broker in seconds. */
    public static Properties producerConfig(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "event-ingest-outbox-relay");
        return p;
    }

    /** Called after a push commits, so the relay does not wait for its next poll. */
    public void nudge() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    private void loop() {
        long backoff = 100;
        while (running) {
            try {
                int sent = relayOnce();
                backoff = 100;
                updateDepth(false);
                if (sent == 0) {
                    wakeUp.tryAcquire(config.idlePoll().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                } else if (sent < config.batchSize()) {
                    // let a few more commits land: fewer, larger relay transactions under load
                    Thread.sleep(config.linger().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                metrics.publishFailed();
                LOG.warnf("outbox relay: %s (retrying in %d ms)", e.toString(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 2_000);
                updateDepth(true);
            }
        }
    }

    /** One batch: lock, send, await acks, mark the acknowledged ones. Returns how many rows were locked. */
    int relayOnce() throws Exception {
        try (Connection c = store.connection()) {
            long t0 = System.nanoTime();
            c.setAutoCommit(false);
            List<OutboxStore.OutboxRow> rows = store.lockUnpublished(c, config.batchSize());
            if (rows.isEmpty()) {
                c.commit();
                return 0;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
            Exception failure = null;
            for (OutboxStore.OutboxRow row : rows) {
                try {
                    acks.add(producer.send(record(row)));
                } catch (Exception e) {
                    failure = e; // e.g. metadata not available within max.block.ms: stop this batch here
                    break;
                }
            }
            long[] published = new long[acks.size()];
            int count = 0;
            long deadline = System.nanoTime() + config.ackTimeout().toNanos();
            for (int i = 0; i < acks.size(); i++) {
                try {
                    acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    OutboxStore.OutboxRow row = rows.get(i);
                    published[count++] = row.seq();
                    metrics.published(Duration.between(row.createdAt(), Instant.now()));
                } catch (Exception e) {
                    failure = failure == null ? e : failure;
                }
            }
            long t1 = System.nanoTime();
            store.markPublished(c, java.util.Arrays.copyOf(published, count));
            c.commit();
            metrics.relayed(rows.size(), t1 - t0, System.nanoTime() - t1);
            if (failure != null) {
                throw failure;
            }
            return rows.size();
        }
    }

    private ProducerRecord<String, byte[]> record(OutboxStore.OutboxRow row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0));
        headers.add(CloudEventHeaders.ID, bytes(row.ceId().toString()));
        headers.add(CloudEventHeaders.TYPE, bytes(row.ceType()));
        headers.add(CloudEventHeaders.SOURCE, bytes(config.source()));
        headers.add(CloudEventHeaders.TIME, bytes(DateTimeFormatter.ISO_INSTANT.format(row.ceTime())));
        headers.add(CloudEventHeaders.SUBJECT, bytes(row.mac()));
        headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        return new ProducerRecord<>(Topics.PHONE_EVENTS, null, row.mac(), row.payload().getBytes(StandardCharsets.UTF_8), headers);
    }

    private void updateDepth(boolean force) {
        long now = System.nanoTime();
        if (force || now - lastDepthCheck > 1_000_000_000L) {
            lastDepthCheck = now;
            try {
                metrics.outboxDepth(store.depth());
            } catch (Exception e) {
                LOG.debugf("outbox depth unavailable: %s", e);
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
