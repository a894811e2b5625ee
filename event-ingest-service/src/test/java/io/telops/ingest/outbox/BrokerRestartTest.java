package io.telops.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.ingest.PhoneEventsTopic;
import io.telops.ingest.DurablePushes;
import io.telops.ingest.Samples;
import io.telops.testkit.KafkaBroker;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.testkit.SharedInfrastructure;

/**
 * Durable acceptance: phones keep pushing while the Kafka broker is stopped and started again. Every event the
 * service answered 2xx for must reach the topic; after de-duplication by ce_id each appears exactly once. Pushes are
 * made durable by the broker's acks before the outage, by the PostgreSQL outbox during it, and by the broker again
 * once the relay delivered the backlog.
 *
 * <p>The broker is the test JVM's broker (the one this Quarkus instance is configured with), restarted in
 * place on the same port with its data, which is what a broker restart in production looks like to the
 * service; other test classes never run concurrently with this one.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class BrokerRestartTest {
    static final int CLIENTS = 8;
    static final int MIN_REQUESTS = 400; // x 6 events = 2,400 events at least

    @TestHTTPResource("/polycom/events")
    URI pushUri;

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void everyAcknowledgedEventIsPublishedExactlyOnceAfterDeduplication() throws Exception {
        KafkaBroker broker = SharedInfrastructure.kafka();
        ObjectMapper json = new ObjectMapper();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger requests = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicBoolean enough = new AtomicBoolean();
        Set<String> expected = new HashSet<>();

        // run first in its JVM, the Kafka path opens only once the producer knows both topics
        long gateBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (registry.get("telops.ingest.kafka_first.open").gauge().value() < 1 && System.nanoTime() < gateBy) {
            Thread.sleep(100);
        }
        try (PhoneEventsTopic topic = new PhoneEventsTopic(broker.bootstrapServers())) {
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String mac = String.format("00E0F7%06X", 0xA00000 + c);
                running.add(clients.submit(() -> {
                    // keep pushing across the whole outage, and a bit after the broker is back
                    while (requests.get() < MIN_REQUESTS || !enough.get()) {
                        int n = requests.incrementAndGet();
                        String body = Samples.callBurst(mac, n);
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(pushUri)
                                .header("Content-Type", "application/xml")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() / 100 == 2) {
                            JsonNode receipt = json.readTree(response.body());
                            assertThat(receipt.get("accepted").asInt()).isEqualTo(Samples.EVENTS_PER_BURST);
                            acknowledged.add(body);
                        } else {
                            refused.incrementAndGet();
                        }
                        Thread.sleep(10);
                    }
                    return null;
                }));
            }
            // let some pushes be made durable by the broker first (on a loaded machine the first acks take seconds)
            long firstAcksBy = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            do {
                Thread.sleep(500);
            } while (DurablePushes.count(registry, "kafka") < 1 && System.nanoTime() < firstAcksBy);
            double kafkaBeforeStop = DurablePushes.count(registry, "kafka");
            broker.stop();
            int duringOutageFrom = requests.get();
            Thread.sleep(5_000);
            int duringOutageTo = requests.get();
            // still ready (pushes go to the outbox), and the wellness group says where they go
            HttpResponse<String> ready = http.send(HttpRequest.newBuilder(pushUri.resolve("/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> well = http.send(HttpRequest.newBuilder(pushUri.resolve("/q/health/well")).build(),
                    HttpResponse.BodyHandlers.ofString());
            double outboxDuringOutage = DurablePushes.count(registry, "outbox");
            double kafkaAtRestart = DurablePushes.count(registry, "kafka");
            broker.start();
            // keep pushing until the Kafka path took pushes again (the relay delivered the outbox, the gate reopened)
            long reopenBy = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (DurablePushes.count(registry, "kafka") <= kafkaAtRestart && System.nanoTime() < reopenBy) {
                Thread.sleep(100);
            }
            enough.set(true);
            assertThat(kafkaBeforeStop).as("pushes made durable by the broker before the outage").isPositive();
            assertThat(outboxDuringOutage).as("pushes stored in the outbox during the outage").isPositive();
            assertThat(ready.statusCode()).as("readiness during the outage: " + ready.body()).isEqualTo(200);
            assertThat(well.body()).as("wellness during the outage").contains("Kafka-first acceptance").contains("outbox");
            assertThat(DurablePushes.count(registry, "kafka")).as("the Kafka path taken again after the restart")
                    .isGreaterThan(kafkaAtRestart);
            for (Future<?> f : running) {
                f.get();
            }
            clients.shutdown();
            assertThat(duringOutageTo - duringOutageFrom).as("requests answered while the broker was down").isGreaterThan(20);

            for (String body : acknowledged) {
                expected.addAll(Samples.ceIds(body));
            }
            List<PhoneEventsTopic.Message> read = topic.readUntil(
                    messages -> messages.stream().map(PhoneEventsTopic.Message::ceId).filter(expected::contains)
                            .distinct().count() >= expected.size(), Duration.ofSeconds(120));
            Map<String, Integer> copies = new HashMap<>();
            read.stream().filter(m -> m.key().startsWith("00E0F7A"))
                    .forEach(m -> copies.merge(m.ceId(), 1, Integer::sum));
            assertThat(refused.get()).as("pushes refused").isZero();
            assertThat(expected).hasSizeGreaterThanOrEqualTo(MIN_REQUESTS * Samples.EVENTS_PER_BURST);
            assertThat(copies.keySet()).as("after de-duplication by ce_id").isEqualTo(expected);
            long duplicates = copies.values().stream().filter(v -> v > 1).count();
            System.out.printf("broker restart: %d events acknowledged, %d distinct on the topic, %d sent twice, "
                    + "%d requests during the outage, %.0f pushes via Kafka and %.0f via the outbox%n", expected.size(), copies.size(),
                    duplicates, duringOutageTo - duringOutageFrom, DurablePushes.count(registry, "kafka"),
                    DurablePushes.count(registry, "outbox"));
        }
    }
}
