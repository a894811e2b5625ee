package io.telops.ingest.outbox;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.telops.ingest.IngestConfig;
import io.telops.ingest.kafka.PhoneEventRecords;
import io.telops.ingest.metrics.IngestMetrics;

/**
 * Publishes the outbox to {@code telops.phone-events}: CloudEvents binary mode, key = MAC. One relay thread per
 * instance. The group committer hands it each committed group's rows in memory ({@link #handOff}); it sends a
 * batch, waits for every ack, and deletes only the acknowledged rows. The database is read only for what was not
 * handed over ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work): at start (rows left by a crash), after
 * a failed send or a full hand-off queue (a broker outage: everything still in the table goes out when it returns),
 * after a replay or a state poll, and every {@code recovery-poll} for rows older than {@code recovery-age} (another
 * replica's leftovers). So the steady state costs no SELECT and no row lock per event, only the delete. A row can be sent twice (ack lost, or handed over and also found by a poll):
 * consumers de-duplicate on ce_id, which is stored with the row and therefore identical on every attempt.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final IngestMetrics metrics;
    private final IngestConfig.Outbox config;
    private final String bootstrapServers;
    private final Semaphore wakeUp = new Semaphore(0);
    /** Committed rows handed over by the group committer, in commit order. */
    private final java.util.concurrent.BlockingQueue<OutboxStore.OutboxRow> handed;
    /** Read the table (everything unpublished) before the hand-off queue again; true at start: crash leftovers. */
    private volatile boolean fromDatabase = true;
    private long lastAgedPoll = System.nanoTime();
    private volatile boolean running;
    private volatile long lastDepthCheck;
    /** When a batch was last acknowledged whole, and when a send last failed (System.nanoTime). */
    private volatile long lastAckedBatch = Long.MIN_VALUE;
    private volatile long lastFailure = Long.MIN_VALUE;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;

    @jakarta.inject.Inject
    OutboxRelay(OutboxStore store, IngestMetrics metrics, IngestConfig config,
                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this(store, metrics, config.outbox(), bootstrapServers);
    }

    OutboxRelay(OutboxStore store, IngestMetrics metrics, IngestConfig.Outbox config, String bootstrapServers) {
        this.store = store;
        this.metrics = metrics;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.handed = new java.util.concurrent.ArrayBlockingQueue<>(config.handOffQueue());
    }

    void start(@Observes StartupEvent ignored) {
        start();
    }

    void start() {
        producer = new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        stop();
    }

    void stop() throws InterruptedException {
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

    /**
     * Whether the broker took a whole batch from this relay after {@code since} (System.nanoTime), nothing failed after
     * that, and no table backlog is being drained: the Kafka path may take pushes again after an outage.
     */
    public boolean deliveringSince(long since) {
        long acked = lastAckedBatch;
        return acked > since && lastFailure < acked && !fromDatabase;
    }

    /** Rows inserted without a hand-off (replay, state polling): read them from the table at once. */
    public void nudge() {
        fromDatabase = true;
        wakeUp.release();
    }

    /**
     * Called by the group committer after a COMMIT with the rows it inserted. Never blocks and never fails: when the
     * queue is full the rows simply stay for the next database read (they are committed already).
     */
    public void handOff(List<OutboxStore.OutboxRow> rows) {
        for (OutboxStore.OutboxRow row : rows) {
            if (!handed.offer(row)) {
                fromDatabase = true;
                break;
            }
        }
        wakeUp.release();
    }

    private void loop() {
        long backoff = 100;
        while (running) {
            try {
                int sent = relayNext();
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
                lastFailure = System.nanoTime();
                fromDatabase = true; // what was not acknowledged is still in the table
                metrics.publishFailed();
                LOG.warnf("outbox relay: %s (retrying in %d ms)", e.toString(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 2_000);
                updateDepth(true);
            }
        }
    }

    /**
     * One batch from wherever it is due: the table when asked to (start, failure, overflow, replay, polling), else
     * the hand-off queue, plus every {@code recovery-poll} the table's old rows.
     */
    int relayNext() throws Exception {
        if (fromDatabase) {
            fromDatabase = false;
            handed.clear(); // all of it is in the table too, and the read below starts after these commits
            int sent = relayOnce(Duration.ZERO);
            if (sent >= config.batchSize()) {
                fromDatabase = true; // more to drain
            }
            return sent;
        }
        List<OutboxStore.OutboxRow> batch = new ArrayList<>(Math.min(config.batchSize(), 1024));
        handed.drainTo(batch, config.batchSize());
        int sent = batch.isEmpty() ? 0 : relayHanded(batch);
        if (System.nanoTime() - lastAgedPoll > config.recoveryPoll().toNanos()) {
            // only rows old enough that no relay can still be sending them from memory: another replica's leftovers
            lastAgedPoll = System.nanoTime();
            sent += relayOnce(config.recoveryAge());
        }
        return sent;
    }

    /** Sends rows handed over in memory, awaits the acks, deletes the acknowledged rows. */
    private int relayHanded(List<OutboxStore.OutboxRow> rows) throws Exception {
        long t0 = System.nanoTime();
        Acked acked = send(rows);
        long t1 = System.nanoTime();
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            return deleteAcknowledged(c, rows, acked, t0, t1);
        }
    }

    /** Deletes the acknowledged rows and commits, records the batch, and rethrows the first send failure. */
    private int deleteAcknowledged(Connection c, List<OutboxStore.OutboxRow> rows, Acked acked, long t0, long t1)
            throws Exception {
        store.markPublished(c, acked.seqs());
        c.commit();
        metrics.relayed(rows.size(), t1 - t0, System.nanoTime() - t1);
        if (acked.failure() != null) {
            throw acked.failure();
        }
        return rows.size();
    }

    private record Acked(long[] seqs, Exception failure) {
    }

    /** Sends the rows in order and waits for every ack; returns the seqs acknowledged and the first failure. */
    private Acked send(List<OutboxStore.OutboxRow> rows) {
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
        Instant now = null;
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                OutboxStore.OutboxRow row = rows.get(i);
                published[count++] = row.seq();
                now = now == null ? Instant.now() : now;
                metrics.published(Duration.between(row.createdAt(), now));
            } catch (Exception e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure == null && count > 0) {
            lastAckedBatch = System.nanoTime();
        }
        return new Acked(java.util.Arrays.copyOf(published, count), failure);
    }

    /** One batch from the table: lock, send, await acks, delete the acknowledged ones. Returns how many were locked. */
    int relayOnce(Duration olderThan) throws Exception {
        try (Connection c = store.connection()) {
            long t0 = System.nanoTime();
            c.setAutoCommit(false);
            List<OutboxStore.OutboxRow> rows = store.lockUnpublished(c, config.batchSize(), olderThan);
            if (rows.isEmpty()) {
                c.commit();
                return 0;
            }
            Acked acked = send(rows);
            return deleteAcknowledged(c, rows, acked, t0, System.nanoTime());
        }
    }

    private ProducerRecord<String, byte[]> record(OutboxStore.OutboxRow row) {
        return PhoneEventRecords.of(row.ceId(), row.mac(), row.ceType(), row.ceTime(), row.payload(), config.source());
    }

    private void updateDepth(boolean force) {
        long now = System.nanoTime();
        if (force || now - lastDepthCheck > 1_000_000_000L) {
            lastDepthCheck = now;
            try {
                metrics.outboxDepth(store.depthEstimate());
            } catch (Exception e) {
                LOG.debugf("outbox depth unavailable: %s", e);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
