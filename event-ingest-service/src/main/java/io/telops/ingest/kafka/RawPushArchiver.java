package io.telops.ingest.kafka;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.telops.ingest.IngestConfig;
import io.telops.ingest.metrics.IngestMetrics;
import io.telops.ingest.outbox.PushStore;
import io.telops.ingest.polycom.MalformedPushException;
import io.telops.ingest.polycom.PolycomEventParser;
import io.telops.ingest.polycom.PushEntry;

/**
 * Archives the raw pushes accepted through Kafka into PostgreSQL ({@code raw_push}, {@code unrecognised_event},
 * {@code known_phone}), the same rows the outbox path writes, for audit, replay and state polling. Large batches, one
 * transaction each, then the offsets: a crash between the two archives a batch again, which stores nothing twice
 * (rows are keyed by raw id). Replicas share the partitions through one consumer group.
 */
@ApplicationScoped
public class RawPushArchiver {
    private static final Logger LOG = Logger.getLogger(RawPushArchiver.class);
    static final String GROUP_ID = "event-ingest-service.raw-archive";

    private final PushStore store;
    private final IngestMetrics metrics;
    private final IngestConfig.Acceptance config;
    private final String bootstrapServers;
    private final PolycomEventParser parser;
    private volatile boolean running;
    private Thread thread;
    private KafkaConsumer<String, byte[]> consumer;

    RawPushArchiver(PushStore store, IngestMetrics metrics, IngestConfig config,
                    @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.store = store;
        this.metrics = metrics;
        this.config = config.acceptance();
        this.bootstrapServers = bootstrapServers;
        // the body was accepted under the push limits already; the parser only re-reads it
        this.parser = new PolycomEventParser(KafkaAcceptor.MAX_BODY_BYTES, config.push().maxEventsPerRequest());
    }

    /**
     * Runs whatever {@code kafka-first} says: raw pushes accepted before it was switched off must still reach
     * PostgreSQL, and with nothing on the topic the consumer only waits.
     */
    void start(@Observes StartupEvent ignored) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.archiveBatch());
        // let raw pushes gather on the broker: a fetch (and a transaction) per few records cost more than the pushes
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) config.archiveWait().toMillis());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "event-ingest-raw-archiver");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        running = true;
        thread = new Thread(this::loop, "raw-push-archiver");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    /** Polls, archives, commits; any failure (broker, database, a seek) is retried after a pause, never ends the loop. */
    private void loop() {
        try {
            consumer.subscribe(List.of(config.rawTopic()));
            long backoff = 100;
            ConsumerRecords<String, byte[]> records = ConsumerRecords.empty();
            while (running) {
                try {
                    records = consumer.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        archive(records);
                        consumer.commitSync();
                        metrics.archiveLag(lag(records));
                    }
                    backoff = 100;
                } catch (WakeupException stopping) {
                    throw stopping;
                } catch (Exception e) {
                    // nothing of this batch counts as archived: read it again after a pause
                    LOG.warnf("raw pushes not archived, retrying in %d ms: %s", backoff, e.toString());
                    rewindQuietly(records);
                    Thread.sleep(backoff);
                    backoff = Math.min(backoff * 2, 5_000);
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // shutdown
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** How far behind the broker the archive is after this batch: the newest archived push's age. */
    private static Duration lag(ConsumerRecords<String, byte[]> records) {
        long newest = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            newest = Math.max(newest, record.timestamp());
        }
        return Duration.ofMillis(Math.max(0, System.currentTimeMillis() - newest));
    }

    /** Stores one polled batch in one transaction. Records that are not raw pushes are logged and skipped. */
    void archive(ConsumerRecords<String, byte[]> records) throws Exception {
        List<PushStore.Push> pushes = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            Optional<PushStore.Push> push = read(record);
            if (push.isPresent()) {
                pushes.add(push.get());
            } else {
                LOG.warnf("skipping a record of %s that is not a raw push (partition %d, offset %d)",
                        record.topic(), record.partition(), record.offset());
            }
        }
        if (!pushes.isEmpty()) {
            store.archive(pushes);
            metrics.archived(pushes.size());
        }
    }

    /** The push a record carries, with the entries today's parser reads from its body. */
    private Optional<PushStore.Push> read(ConsumerRecord<String, byte[]> record) {
        return RawPushRecords.read(record).map(push -> push.withEntries(entries(push)));
    }

    private List<PushEntry> entries(PushStore.Push push) {
        try {
            return parser.parse(new ByteArrayInputStream(push.body()), push.remoteAddress(), push.receivedAt());
        } catch (MalformedPushException | RuntimeException e) {
            return List.of(); // it was parsed when accepted; keep the body for audit whatever today's parser says
        }
    }

    private void rewindQuietly(ConsumerRecords<String, byte[]> records) {
        try {
            Map<TopicPartition, Long> first = new HashMap<>();
            for (TopicPartition partition : records.partitions()) {
                first.put(partition, records.records(partition).get(0).offset());
            }
            first.forEach(consumer::seek);
        } catch (RuntimeException e) {
            // e.g. the partition was revoked meanwhile: its new owner starts from the committed offset anyway
            LOG.debugf("archive rewind skipped: %s", e);
        }
    }
}
