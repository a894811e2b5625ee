package io.telops.outbox.bench;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The floor: the writer sends each event itself right after its commit, with no relay in between (and none of a
 * relay's guarantees: a crash between commit and send loses the event). Latency and CPU of the others are set
 * against it.
 */
final class RawProducer implements Pipeline {
    private final String bootstrapServers;
    private KafkaProducer<String, String> producer;

    RawProducer(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public String name() {
        return "raw producer";
    }

    @Override
    public synchronized void start() {
        if (producer == null) {
            producer = CloudEventRecords.producer(bootstrapServers, "bench-raw");
        }
    }

    @Override
    public void committed(Workload w, int i, Instant occurredAt) {
        producer.send(CloudEventRecords.of(w.topic, w.key(i), w.ids[i].toString(), Workload.TYPE, occurredAt, w.payload(i, occurredAt)));
    }

    @Override
    public synchronized void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
