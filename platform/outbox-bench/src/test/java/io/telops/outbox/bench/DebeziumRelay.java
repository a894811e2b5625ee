package io.telops.outbox.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;

/**
 * Debezium's embedded engine reading {@code telops_outbox} through logical decoding (pgoutput, a publication of
 * inserts only, a replication slot), the outbox EventRouter SMT mapping a row to topic, key and headers, and an
 * acks=all idempotent producer; a batch's offsets are committed only after the broker acknowledged all of it.
 */
final class DebeziumRelay implements Pipeline {
    static final String SLOT = "telops_outbox_bench";
    static final String PUBLICATION = "telops_outbox_bench";

    private final BenchInfrastructure infra;
    private final Duration pollInterval;
    private KafkaProducer<String, String> producer;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    DebeziumRelay(BenchInfrastructure infra, Duration pollInterval) {
        this.infra = infra;
        this.pollInterval = pollInterval;
    }

    @Override
    public String name() {
        return "Debezium embedded";
    }

    /** What an operator creates once: a publication of the outbox's inserts (purges and deletes stay out of the stream). */
    void createPublication() throws Exception {
        if (infra.queryLong("select count(*) from pg_publication where pubname = '" + PUBLICATION + "'") == 0) {
            infra.execute("create publication " + PUBLICATION + " for table telops_outbox with (publish = 'insert')");
        }
    }

    @Override
    public synchronized void start() throws Exception {
        if (engine != null) {
            return;
        }
        createPublication();
        producer = CloudEventRecords.producer(infra.bootstrapServers(), "bench-debezium");
        CountDownLatch polling = new CountDownLatch(1);
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(config())
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void pollingStarted() {
                        polling.countDown();
                    }
                })
                .using((success, message, error) -> {
                    if (!success) {
                        failure.compareAndSet(null, error == null ? new IllegalStateException(message) : error);
                    }
                    polling.countDown();
                })
                .notifying(this::handleBatch)
                .build();
        thread = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-debezium-engine"));
        thread.execute(engine);
        if (!polling.await(120, TimeUnit.SECONDS) || failure.get() != null) {
            throw new IllegalStateException("Debezium engine did not start", failure.get());
        }
        awaitSlotActive();
    }

    private Properties config() {
        Properties p = new Properties();
        p.setProperty("name", "telops-outbox-bench");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", offsets().toString());
        // the slot's confirmed position moves only when offsets are flushed: the default minute would retain a minute of WAL
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("database.hostname", "127.0.0.1");
        p.setProperty("database.port", Integer.toString(infra.postgresPort()));
        p.setProperty("database.user", "postgres");
        p.setProperty("database.password", "postgres");
        p.setProperty("database.dbname", BenchInfrastructure.DATABASE);
        p.setProperty("topic.prefix", "bench");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", SLOT);
        p.setProperty("publication.name", PUBLICATION);
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("table.include.list", "public.telops_outbox");
        p.setProperty("snapshot.mode", "no_data");
        // the queue is polled at this interval when it is empty: the same idle wait as the shared relay's
        p.setProperty("poll.interval.ms", Long.toString(pollInterval.toMillis()));
        p.setProperty("max.batch.size", "2048");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("transforms", "outbox");
        p.setProperty("transforms.outbox.type", "io.debezium.transforms.outbox.EventRouter");
        p.setProperty("transforms.outbox.table.field.event.id", "id");
        p.setProperty("transforms.outbox.table.field.event.key", "event_key");
        p.setProperty("transforms.outbox.table.field.event.payload", "payload");
        p.setProperty("transforms.outbox.route.by.field", "topic");
        p.setProperty("transforms.outbox.route.topic.replacement", "${routedByValue}");
        p.setProperty("transforms.outbox.table.fields.additional.placement", "ce_type:header:ce_type,occurred_at:header:occurred_at");
        return p;
    }

    /** The router put the row's id in header "id" and the additional columns in their own headers: map them to CloudEvents. */
    private void handleBatch(List<RecordChangeEvent<SourceRecord>> records, DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (RecordChangeEvent<SourceRecord> event : records) {
            SourceRecord r = event.record();
            if (r.value() == null) {
                continue; // nothing to publish (a tombstone or a filtered change)
            }
            acks.add(producer.send(CloudEventRecords.of(r.topic(), String.valueOf(r.key()), header(r, "id"), header(r, "ce_type"),
                    Instant.parse(header(r, "occurred_at")), (String) r.value())));
        }
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // not marking the batch makes the engine stop; its offsets stay before this batch, so nothing is lost
                throw new IllegalStateException("broker did not acknowledge a Debezium batch", e);
            }
        }
        for (RecordChangeEvent<SourceRecord> event : records) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
    }

    private static String header(SourceRecord r, String name) {
        Header h = r.headers().lastWithName(name);
        if (h == null || h.value() == null) {
            throw new IllegalStateException("Debezium record without header " + name + ": " + r);
        }
        return h.value().toString();
    }

    private void awaitSlotActive() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (infra.queryLong("select count(*) from pg_replication_slots where slot_name = '" + SLOT + "' and active") == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replication slot " + SLOT + " not active");
            }
            Thread.sleep(50);
        }
    }

    /** WAL the slot holds back from removal, and how far its consumer has confirmed. */
    @Override
    public String retained() throws Exception {
        return infra.queryString("select 'slot retains ' || pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)) "
                + "|| ' of WAL (' || pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn) || ' B)' from pg_replication_slots where slot_name = '" + SLOT + "'");
    }

    long retainedBytes() throws Exception {
        return infra.queryLong("select pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint from pg_replication_slots where slot_name = '" + SLOT + "'");
    }

    @Override
    public synchronized void stop() throws Exception {
        if (engine == null) {
            return;
        }
        engine.close();
        thread.shutdown();
        thread.awaitTermination(60, TimeUnit.SECONDS);
        producer.close(Duration.ofSeconds(10));
        engine = null;
        producer = null;
        if (failure.get() != null) {
            throw new IllegalStateException("Debezium engine failed", failure.get());
        }
    }

    /**
     * Stops and removes the slot, the publication and the stored offsets: a slot left behind retains WAL for ever,
     * and the next start would first stream everything other pipelines wrote meanwhile.
     */
    @Override
    public void close() throws Exception {
        stop();
        infra.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '" + SLOT + "'");
        infra.execute("drop publication if exists " + PUBLICATION);
        Files.deleteIfExists(offsets());
    }

    private Path offsets() {
        return infra.dir().resolve("debezium-offsets.dat");
    }
}
