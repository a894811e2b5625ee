package io.telops.callforward.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.telops.callforward.config.Mongo;
import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.Topics;

/**
 * Publishes outbox events to {@code telops.call-events} as CloudEvents (binary mode) and removes them from the
 * outbox only after the broker acknowledged them (acks=all, idempotent producer). A crash in between publishes
 * the event again on the next run: consumers de-duplicate on ce_id.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String SOURCE = "/call-forward-service";
    private final MongoCollection<Document> outbox;
    private final KafkaProducer<String, byte[]> producer;
    private final Counter published;
    private final Counter failures;
    private final java.time.Duration sendTimeout;

    @jakarta.inject.Inject
    OutboxRelay(MongoClient client, Mongo mongo, MeterRegistry registry,
                @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        this(client, mongo, registry, bootstrap, java.time.Duration.ofSeconds(30));
    }

    OutboxRelay(MongoClient client, Mongo mongo, MeterRegistry registry, String bootstrap, java.time.Duration sendTimeout) {
        this.outbox = mongo.collection(client, Outbox.COLLECTION);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "call-forward-outbox");
        int timeout = (int) sendTimeout.toMillis();
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout / 2, 10_000));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        this.sendTimeout = sendTimeout;
        this.published = registry.counter("callforward.outbox.published");
        this.failures = registry.counter("callforward.outbox.failures");
    }

    // 1 s is the floor: Quarkus' simple scheduler checks its triggers once a second, so a shorter period still runs once a second
    @Scheduled(every = "${telops.callforward.outbox-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            relay();
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warnf("outbox relay failed, will retry: %s", e.getMessage());
        }
    }

    /** Publishes pending events in creation order, in batches; returns how many were published. */
    public synchronized int relay() {
        int total = 0;
        while (true) {
            List<Document> batch = outbox.find(Filters.eq("published", false)).sort(Sorts.ascending("seq")).limit(200)
                    .into(new ArrayList<>());
            if (batch.isEmpty()) {
                return total;
            }
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            try {
                for (Document d : batch) {
                    acks.add(producer.send(record(d)));
                }
            } catch (RuntimeException e) {
                // no metadata from the broker in time: nothing of this batch is published or removed
                throw new IllegalStateException("Kafka unavailable: " + e.getMessage(), e);
            }
            List<Object> done = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                try {
                    acks.get(i).get(sendTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
                    done.add(batch.get(i).get("_id"));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException | TimeoutException e) {
                    // a later event of the same key must not overtake this one: stop at the first failure
                    markPublished(done);
                    throw new IllegalStateException("Kafka did not acknowledge event " + batch.get(i).get("_id"), e);
                }
            }
            markPublished(done);
            total += done.size();
            if (done.size() < batch.size()) {
                return total;
            }
        }
    }

    private void markPublished(List<Object> ids) {
        if (!ids.isEmpty()) {
            // acknowledged events leave the outbox, which stays as small as the backlog
            outbox.deleteMany(Filters.in("_id", ids));
            published.increment(ids.size());
        }
    }

    private static ProducerRecord<String, byte[]> record(Document d) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.CALL_EVENTS, d.getString("key"),
                d.getString("payload").getBytes(StandardCharsets.UTF_8));
        r.headers().add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_1_0));
        r.headers().add(CloudEventHeaders.ID, bytes(d.getString("_id")));
        r.headers().add(CloudEventHeaders.TYPE, bytes(d.getString("type")));
        r.headers().add(CloudEventHeaders.SOURCE, bytes(SOURCE));
        r.headers().add(CloudEventHeaders.TIME, bytes(d.getDate("occurredAt").toInstant().toString()));
        r.headers().add(CloudEventHeaders.SUBJECT, bytes(d.getString("key")));
        r.headers().add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
        return r;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Events not yet acknowledged by Kafka, for health and tests. */
    public long pending() {
        return outbox.countDocuments(Filters.eq("published", false));
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }

    static Instant now() {
        return Instant.now();
    }
}
