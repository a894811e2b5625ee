package io.telops.outbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.telops.contracts.CloudEventHeaders;

/** Each pipeline of the bench delivers every event of a small run exactly once, with the CloudEvents headers, on real PostgreSQL and Kafka. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactlyOnceDeliveryTest {
    private static final int EVENTS = 300;

    private BenchInfrastructure infra;

    @BeforeAll
    void start() throws Exception {
        infra = BenchInfrastructure.start();
    }

    @AfterAll
    void stop() {
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void theRawProducerDeliversEveryEventOnce() throws Exception {
        assertDeliversEachOnce(new RawProducer(infra.bootstrapServers()), "sanity-raw");
    }

    @Test
    void theSharedRelayDeliversEveryEventOnce() throws Exception {
        assertDeliversEachOnce(new SharedRelay(infra, 0), "sanity-shared");
    }

    @Test
    void theSharedRelayWithItsHandOffDeliversEveryEventOnce() throws Exception {
        assertDeliversEachOnce(new SharedRelay(infra, 10_000), "sanity-shared-hand-off");
    }

    @Test
    void debeziumDeliversEveryEventOnceWithTheHeadersTheRelaysSet() throws Exception {
        assertDeliversEachOnce(new DebeziumRelay(infra, Duration.ofMillis(100)), "sanity-debezium");
    }

    private void assertDeliversEachOnce(Pipeline pipeline, String topic) throws Exception {
        infra.resetOutbox();
        infra.createTopics(List.of(topic));
        Workload w = new Workload(topic, EVENTS);
        pipeline.start();
        try (Receiver receiver = new Receiver(infra.bootstrapServers(), w)) {
            new Writer(infra).write(w, 1000, pipeline);
            assertThat(receiver.awaitAll(Duration.ofSeconds(60))).as("all %d events received", EVENTS).isTrue();
            receiver.settle(Duration.ofSeconds(2));
            Set<UUID> received = Arrays.stream(w.ids).filter(id -> w.receivedAt[w.indexOf(id)] != 0).collect(Collectors.toSet());
            assertThat(received).containsExactlyInAnyOrder(w.ids);
            assertThat(receiver.duplicates()).as("duplicates").isZero();
            assertThat(receiver.malformed()).as("records without ce_id or headers").isZero();
            assertThat(receiver.sampleHeaders())
                    .containsEntry(CloudEventHeaders.TYPE, Workload.TYPE)
                    .containsEntry(CloudEventHeaders.SPEC_VERSION, "1.0")
                    .containsEntry(CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
            assertThat(receiver.sampleHeaders().get("(key)")).startsWith("call-");
            assertThat(receiver.sampleHeaders().get(CloudEventHeaders.SUBJECT)).isEqualTo(receiver.sampleHeaders().get("(key)"));
        } finally {
            pipeline.close();
        }
    }
}
