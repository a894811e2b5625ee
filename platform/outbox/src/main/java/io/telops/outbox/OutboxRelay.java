package io.telops.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.telops.events.CloudEventWriter;
import io.telops.events.OutgoingEvent;
import io.telops.events.TraceHeaders;

/**
 * Publishes the outbox to Kafka as CloudEvents (binary mode) on a thread of its own: claims a batch, sends it with an
 * {@code acks=all} idempotent producer, waits for the acks, and records as published only what the broker
 * acknowledged; the rest stays and is sent again (same ce_id, which consumers de-duplicate on). Not
 * {@code @Scheduled}: Quarkus' simple scheduler checks its triggers once a second, which turned sub-second intervals
 * into one burst a second.
 *
 * <p>With {@code hand-off.queue} set, a writer hands committed events over in memory ({@link #handOff}); the store is
 * then read only at start, after a failure or overflow, on {@link #nudge}, and every {@code recovery-poll} for rows
 * older than {@code recovery-age}, so the steady state costs no SELECT and no row lock per event.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final OutboxStore store;
    private final OutboxConfig config;
    private final Map<String, Object> producerConfig;
    private final String source;
    private final OutboxMetrics metrics;
    private final Semaphore wakeUp = new Semaphore(0);
    private final BlockingQueue<Handed> handed;
    /** Read the store before the hand-off queue again; true at start: rows left by a crash. */
    private volatile boolean fromStore = true;
    private volatile boolean running;
    private volatile long lastAckedBatch = Long.MIN_VALUE;
    private volatile long lastFailure = Long.MIN_VALUE;
    private long lastRecoveryPoll = System.nanoTime();
    private long lastBacklog;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;

    @Inject
    OutboxRelay(OutboxStore store, OutboxConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                @ConfigProperty(name = "quarkus.application.name") String application, MeterRegistry registry) {
        this(store, config, config.source().orElse("/" + application), kafka, registry);
    }

    /** {@code kafka}: the broker settings (bootstrap servers, TLS, auth); the relay keeps the producer keys. */
    public OutboxRelay(OutboxStore store, OutboxConfig config, String source, Map<String, Object> kafka, MeterRegistry registry) {
        this.store = store;
        this.config = config;
        this.producerConfig = producerConfig(kafka, source, config.ackTimeout());
        this.source = source;
        this.metrics = new OutboxMetrics(registry);
        this.handed = config.handOff().queue() > 0 ? new ArrayBlockingQueue<>(config.handOff().queue()) : null;
    }

    /** Never lose an acknowledged record; fail a batch within the ack timeout instead of retrying for minutes. */
    static Map<String, Object> producerConfig(Map<String, Object> kafka, String source, Duration ackTimeout) {
        Map<String, Object> p = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (ProducerConfig.configNames().contains(k)) {
                p.put(k, v);
            }
        });
        int timeout = (int) Math.max(2_000, ackTimeout.toMillis());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout / 2, 10_000));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.min(timeout, 10_000));
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, source.replace("/", "") + "-outbox-relay");
        return p;
    }

    void onStart(@Observes @Priority(10) StartupEvent ignored) throws Exception {
        store.prepare();
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent ignored) throws InterruptedException {
        stop();
    }

    /** Starts the relay thread. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "telops-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the relay thread and closes the producer; what was not acknowledged stays in the store. */
    public synchronized void stop() throws InterruptedException {
        running = false;
        wakeUp.release();
        if (thread != null) {
            thread.join(10_000);
            thread = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    /** The {@code ce_source} of every record it sends: a writer that also produces directly uses the same. */
    public String source() {
        return source;
    }

    /** Events written without a hand-off (or by a writer that never hands over): read the store now. */
    public void nudge() {
        fromStore = true;
        wakeUp.release();
    }

    /**
     * The fast path: called after a COMMIT with the events it wrote. Never blocks and never fails: when the queue is
     * full (or the fast path is off) the events are read from the store instead, where they are committed already.
     */
    public void handOff(List<OutboxEvent> events) {
        handOff(events, null);
    }

    /**
     * As {@link #handOff(List)}, with each event's {@code seq} in the table ({@code seqs[i]} for the i-th event; the
     * array insert's {@code returning seq}): the acknowledged rows are then deleted by the primary key, not by ce_id.
     */
    public void handOff(List<OutboxEvent> events, long[] seqs) {
        if (handed == null) {
            nudge();
            return;
        }
        for (int i = 0; i < events.size(); i++) {
            if (!handed.offer(new Handed(events.get(i), seqs == null ? -1 : seqs[i]))) {
                fromStore = true;
                break;
            }
        }
        wakeUp.release();
    }

    /** An event handed over after its commit, with its seq when the writer knows it (else -1). */
    private record Handed(OutboxEvent event, long seq) {
    }

    /**
     * Whether the broker took a whole batch from this relay after {@code since} (System.nanoTime), nothing failed
     * after that, and no store backlog is being drained: a caller that bypasses the outbox when the broker is healthy
     * may do so again after an outage.
     */
    public boolean deliveringSince(long since) {
        long acked = lastAckedBatch;
        return acked > since && lastFailure < acked && !fromStore;
    }

    private void loop() {
        long backoff = 100;
        while (running) {
            try {
                int sent = relayNext();
                backoff = 100;
                refreshBacklog(false);
                if (sent == 0) {
                    wakeUp.tryAcquire(config.interval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                lastFailure = System.nanoTime();
                fromStore = true; // what was not acknowledged is still in the store
                metrics.failed();
                LOG.warnf("outbox relay: %s (retrying in %d ms)", e.toString(), backoff);
                sleep(backoff);
                backoff = Math.min(backoff * 2, 2_000);
                refreshBacklog(true);
            }
        }
    }

    /** One batch from wherever it is due: the store when asked to, else the hand-off queue (plus aged leftovers). */
    int relayNext() throws Exception {
        if (handed == null || fromStore) {
            fromStore = false;
            if (handed != null) {
                handed.clear(); // all of it is in the store too, and the claim below starts after these commits
            }
            int sent = relayFromStore(Duration.ZERO);
            if (sent >= config.batchSize()) {
                fromStore = true; // more to drain
            }
            return sent;
        }
        List<Handed> batch = new ArrayList<>(Math.min(config.batchSize(), 1024));
        handed.drainTo(batch, config.batchSize());
        int sent = batch.isEmpty() ? 0 : relayHanded(batch);
        if (System.nanoTime() - lastRecoveryPoll > config.handOff().recoveryPoll().toNanos()) {
            lastRecoveryPoll = System.nanoTime();
            sent += relayFromStore(config.handOff().recoveryAge());
        }
        return sent;
    }

    /** Publishes everything pending in the store now, batch by batch; returns how many events went out. */
    public int drain() throws Exception {
        int total = 0;
        int sent;
        do {
            sent = relayFromStore(Duration.ZERO);
            total += sent;
        } while (sent >= config.batchSize());
        return total;
    }

    private int relayFromStore(Duration olderThan) throws Exception {
        try (OutboxStore.Claim claim = store.claim(config.batchSize(), olderThan)) {
            List<OutboxEvent> events = claim.events();
            if (events.isEmpty()) {
                return 0;
            }
            Acked acked = send(events);
            claim.acknowledged(acked.ids());
            return finish(acked);
        }
    }

    private int relayHanded(List<Handed> handedOver) throws Exception {
        List<OutboxEvent> events = handedOver.stream().map(Handed::event).toList();
        Acked acked = send(events);
        // the acknowledged ones are the first of the batch, in order: send stops at the first miss
        long[] seqs = new long[acked.ids().size()];
        for (int i = 0; i < seqs.length; i++) {
            seqs[i] = handedOver.get(i).seq();
        }
        store.acknowledge(acked.ids(), seqs);
        return finish(acked);
    }

    private int finish(Acked acked) throws Exception {
        metrics.published(acked.ids().size());
        if (acked.failure() != null) {
            throw acked.failure();
        }
        lastAckedBatch = System.nanoTime();
        return acked.ids().size();
    }

    private record Acked(List<UUID> ids, Exception failure) {
    }

    /** Sends the events in order and waits for every ack; returns the ids acknowledged and the first failure. */
    private Acked send(List<OutboxEvent> events) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        Exception failure = null;
        for (OutboxEvent event : events) {
            try {
                acks.add(producer().send(record(event)));
            } catch (Exception e) {
                failure = new IllegalStateException("broker unavailable: " + e.getMessage(), e);
                break; // e.g. no metadata within max.block.ms: the rest of the batch stays for the next attempt
            }
        }
        List<UUID> acknowledged = new ArrayList<>(acks.size());
        long deadline = System.nanoTime() + config.ackTimeout().toNanos();
        for (int i = 0; i < acks.size() && failure == null; i++) {
            try {
                acks.get(i).get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged.add(events.get(i).id());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure == null ? e : failure;
                break;
            } catch (Exception e) {
                // stop at the first miss: a later event of the same key must not be recorded ahead of this one
                failure = failure == null ? new IllegalStateException("broker did not acknowledge event "
                        + events.get(i).id() + ": " + e.getMessage(), e) : failure;
                break;
            }
        }
        return new Acked(acknowledged, failure);
    }

    /** The CloudEvents binary-mode record, written by platform/events as every producer writes it, with the event's trace. */
    private ProducerRecord<String, byte[]> record(OutboxEvent e) {
        ProducerRecord<String, byte[]> record = CloudEventWriter.record(new OutgoingEvent(e.id().toString(), e.type(), source,
                e.occurredAt(), e.key(), e.payload().getBytes(StandardCharsets.UTF_8), e.topic()));
        TraceHeaders.inject(record.headers(), e.traceparent());
        return record;
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Reads depth and lag from the store at most every {@code metrics-every} (or now, after a failure). */
    void refreshBacklog(boolean force) {
        long now = System.nanoTime();
        if (force || now - lastBacklog > config.metricsEvery().toNanos()) {
            lastBacklog = now;
            try {
                metrics.backlog(store.backlog(), Instant.now());
            } catch (Exception e) {
                LOG.debugf("outbox backlog unavailable: %s", e);
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
