package io.telops.ingest.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.telops.contracts.Topics;
import io.telops.ingest.IngestConfig;
import io.telops.ingest.metrics.IngestMetrics;
import io.telops.ingest.outbox.PushStore;
import io.telops.ingest.polycom.PushEntry;
import io.telops.outbox.OutboxRelay;

/**
 * Makes a push durable in Kafka: its raw record (internal topic, archived to PostgreSQL behind the answer) and its
 * events ({@code telops.phone-events}, under their content-derived ce_ids, as the outbox gives them) are produced with acks=all and
 * idempotence, and the push counts as accepted once the broker acknowledged every record of it.
 *
 * <p>A gate decides whether pushes try this way at all. It opens once the producer knows both topics and, after a
 * failure, once the outbox relay (platform/outbox) delivers again; any failed or late acknowledgement closes it, so during a broker
 * outage pushes go straight to the PostgreSQL outbox instead of each waiting out the ack timeout.
 */
@ApplicationScoped
public class KafkaAcceptor {
    private static final Logger LOG = Logger.getLogger(KafkaAcceptor.class);
    /** Larger bodies go to the outbox: a record must stay under the broker's default message.max.bytes (1 MB). */
    static final int MAX_BODY_BYTES = 900 * 1024;
    private static final long NEVER = Long.MIN_VALUE;

    private final IngestConfig.Acceptance config;
    private final String source;
    private final String bootstrapServers;
    private final OutboxRelay relay;
    private final IngestMetrics metrics;
    private final Semaphore wakeGate = new Semaphore(0);
    private volatile KafkaProducer<String, byte[]> producer;
    /** Guarded by this for writes (with closedAt); read without the lock on every push. */
    private volatile boolean open;
    private volatile boolean enabled = true;
    private volatile boolean running;
    /** When the gate last closed on a failure (System.nanoTime), or NEVER. */
    private volatile long closedAt = NEVER;
    private Thread gate;

    KafkaAcceptor(IngestConfig config, OutboxRelay relay, IngestMetrics metrics,
                  @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config.acceptance();
        this.source = relay.source(); // the same ce_source as the events the outbox publishes
        this.bootstrapServers = bootstrapServers;
        this.relay = relay;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.kafkaFirst()) {
            return;
        }
        producer = new KafkaProducer<>(producerConfig(bootstrapServers, config.ackTimeout(), config.linger(), config.maxInFlight()),
                new StringSerializer(), new ByteArraySerializer());
        metrics.kafkaFirstGate(this::open);
        running = true;
        gate = new Thread(this::watchGate, "kafka-first-gate");
        gate.setDaemon(true);
        gate.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running = false;
        synchronized (this) {
            open = false;
        }
        wakeGate.release();
        if (gate != null) {
            gate.join(5_000);
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * The producer settings: never lose an acknowledged record (acks=all, idempotence), answer within the ack timeout,
     * and never block the calling event loop ({@code max.block.ms=0}: no metadata or no buffer space is a failure
     * at once, and the push goes to the outbox).
     */
    static Properties producerConfig(String bootstrapServers, Duration ackTimeout, Duration linger, int maxInFlight) {
        int delivery = (int) Math.max(200 + linger.toMillis(), ackTimeout.toMillis());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, maxInFlight);
        p.put(ProducerConfig.LINGER_MS_CONFIG, (int) linger.toMillis());
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, delivery - (int) linger.toMillis());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 0);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        // with max.block.ms=0 a topic dropped from the cache after a quiet spell would fail the next push at once
        p.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, (int) TimeUnit.DAYS.toMillis(1));
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "event-ingest-kafka-first");
        return p;
    }

    /** Whether pushes should be made durable here now; when not, they go to the outbox. */
    public boolean open() {
        return open && enabled;
    }

    /** Sends every push to the outbox while {@code false} (the benchmark compares both paths within one run). */
    public void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether this push can travel as one record (the outbox takes the larger ones). */
    public static boolean fits(PushStore.Push push) {
        return push.body().length <= MAX_BODY_BYTES;
    }

    /**
     * Produces the push (which carries its raw id) and its events. Completes when the broker acknowledged all of them;
     * fails, and closes the gate, when one is refused, not acknowledged within the ack timeout, or cannot be sent. A
     * failed push may still be partly published: the outbox then publishes it again under the same ids, and consumers
     * de-duplicate on ce_id.
     */
    public CompletableFuture<PushStore.Accepted> accept(PushStore.Push push) {
        long rawId = push.rawId().orElseThrow(() -> new IllegalArgumentException("a push needs its raw id before it is produced"));
        List<ProducerRecord<String, byte[]>> records = records(push, rawId);
        CompletableFuture<PushStore.Accepted> done = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(records.size());
        long sentAt = System.nanoTime();
        Callback acknowledged = (metadata, failure) -> {
            if (failure != null) {
                close(failure);
                done.completeExceptionally(failure);
            } else if (pending.decrementAndGet() == 0) {
                metrics.published(Duration.ofNanos(System.nanoTime() - sentAt));
                done.complete(PushStore.Accepted.of(rawId, push.entries()));
            }
        };
        for (ProducerRecord<String, byte[]> record : records) {
            try {
                producer.send(record, acknowledged);
            } catch (RuntimeException e) {
                close(e);
                done.completeExceptionally(e);
                break;
            }
        }
        return done;
    }

    private List<ProducerRecord<String, byte[]>> records(PushStore.Push push, long rawId) {
        List<PushEntry> entries = push.entries();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(entries.size() + 1);
        records.add(RawPushRecords.of(config.rawTopic(), rawId, push));
        Set<UUID> sent = new HashSet<>();
        for (PushEntry entry : entries) {
            // an element repeated within the push is one event, as on the outbox path
            if (entry instanceof PushEntry.Recognised r && sent.add(r.ceId())) {
                records.add(PhoneEventRecords.of(r.ceId(), r.event(), source));
            }
        }
        return records;
    }

    /** Closes the gate; {@code closedAt} changes with {@code open} under one lock, so the watcher never reads a stale pair. */
    private void close(Exception failure) {
        synchronized (this) {
            if (!open) {
                return;
            }
            closedAt = System.nanoTime();
            open = false;
        }
        LOG.warnf("broker did not acknowledge a push (%s): pushes go to the PostgreSQL outbox until the relay delivers again",
                failure.toString());
        wakeGate.release();
    }

    /** Opens the gate unless it closed again since {@code seenClosedAt} was read. */
    private synchronized boolean reopen(long seenClosedAt) {
        if (open || closedAt != seenClosedAt) {
            return false;
        }
        open = true;
        return true;
    }

    /** Opens the gate when the producer knows both topics and, after a failure, once the relay delivered again. */
    private void watchGate() {
        long warnAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (running) {
            try {
                long seenClosedAt = closedAt;
                if (open) {
                    topicsKnown(); // keeps both topics in the producer's metadata while pushes are quiet
                } else if (!topicsKnown()) {
                    if (System.nanoTime() > warnAt) {
                        // e.g. the internal topic was not created on a cluster without auto-creation
                        LOG.warnf("topics %s and %s not both known to the producer: pushes go through the PostgreSQL outbox",
                                Topics.PHONE_EVENTS, config.rawTopic());
                        warnAt = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                    }
                } else if ((seenClosedAt == NEVER || relay.deliveringSince(seenClosedAt)) && reopen(seenClosedAt)) {
                    LOG.infof("pushes are made durable by the broker's acks%s", seenClosedAt == NEVER ? "" : " again");
                }
                wakeGate.tryAcquire(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** With max.block.ms=0 an unknown topic fails at once and asks the producer to fetch it; a later call finds it. */
    private boolean topicsKnown() {
        try {
            return !producer.partitionsFor(Topics.PHONE_EVENTS).isEmpty() && !producer.partitionsFor(config.rawTopic()).isEmpty();
        } catch (RuntimeException notYet) {
            return false;
        }
    }
}
