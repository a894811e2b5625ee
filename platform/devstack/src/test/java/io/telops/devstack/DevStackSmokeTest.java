package io.telops.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.telops.contracts.Topics;
import io.telops.testkit.LoopbackPorts;

/**
 * End to end through the local run: the packaged services start on embedded infrastructure, become ready,
 * Kafka carries a record, a phone push and a trunk sync cross two services each through Kafka to the dashboard,
 * a forwarding line rents its number from the Plivo fake and shows in the dashboard's feed, and stopping leaves
 * no process and no bound port behind.
 */
class DevStackSmokeTest {
    private static final String PASSWORD = "smoke-test";
    private static final LocalSecrets SECRETS = LocalSecrets.withAdminPassword(PASSWORD);
    private static final String ADMIN = "Basic " + java.util.Base64.getEncoder()
            .encodeToString(("admin:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void wholePlatformStartsServesAndStopsCleanly() throws Exception {
        Path root = Path.of(System.getProperty("telops.root", "../..")).toAbsolutePath().normalize();
        Path dataDir = Files.createTempDirectory("telops-devstack");
        StackPorts ports = StackPorts.free();
        List<ProcessHandle> processes = new ArrayList<>();

        long started = System.nanoTime();
        try (DevStack stack = new DevStack(root, dataDir, ports, SECRETS)) {
            stack.start(Duration.ofMinutes(5));
            System.out.printf("devstack ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
            stack.serviceProcesses().values().forEach(p -> processes.add(ProcessHandle.of(p.pid()).orElseThrow()));
            assertThat(processes).hasSize(6).allMatch(ProcessHandle::isAlive);

            for (ServiceSpec spec : DevStack.SERVICES) {
                assertThat(stack.readiness(spec.name())).as(spec.name()).startsWith("200 ").contains("\"UP\"");
            }

            String key = "0004F214B89E";
            String value = "{\"smoke\":\"" + UUID.randomUUID() + "\"}";
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.PHONE_EVENTS, key, value)).get(30, TimeUnit.SECONDS);
            }
            assertThat(consumeUntil(stack.bootstrapServers(), value)).isTrue();

            phonePushReachesTheDashboard(stack);
            vatsSyncReachesTheDashboard(stack);
            callForwardLineRentsFromThePlivoFake(stack);
        }

        for (ProcessHandle process : processes) {
            process.onExit().get(30, TimeUnit.SECONDS);
            assertThat(process.isAlive()).isFalse();
        }
        List<Integer> all = new ArrayList<>(ports.http().values());
        all.addAll(List.of(ports.kafka(), ports.kafkaController(), ports.postgres(), ports.mongo(), ports.vatsSimulator(),
                ports.plivoFake()));
        assertThat(all).allMatch(LoopbackPorts::isFree, "port free after stop");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList())
                .as("no child process left").isEmpty();
    }

    /** A Poly phone's push to event-ingest-service shows up in the dashboard's read model, through Kafka. */
    private static void phonePushReachesTheDashboard(DevStack stack) throws Exception {
        String mac = "0004F2" + String.format("%06X", new java.util.Random().nextInt(0xFFFFFF));
        String push = "<PolycomIPPhone><IncomingCallEvent><PhoneIP>172.24.132.135</PhoneIP>"
                + "<MACAddress>" + mac.toLowerCase() + "</MACAddress><CallingPartyName>Smoke Caller</CallingPartyName>"
                + "<CallingPartyNumber>20701@172.18.186.94</CallingPartyNumber><CalledPartyName>20300</CalledPartyName>"
                + "<CalledPartyNumber>20300</CalledPartyNumber><TimeStamp>2008-07-11T13:19:53-08:00</TimeStamp>"
                + "</IncomingCallEvent></PolycomIPPhone>";
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(
                        URI.create(stack.url("event-ingest-service") + "/polycom/events"))
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString(push)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        String phone = awaitOk(stack.url("dashboard-service") + "/api/phones/" + mac);
        assertThat(phone).contains(mac).contains("Smoke Caller");
    }

    /** A trunk sync against the VATS simulator publishes trunk events that the dashboard's feed shows. */
    private static void vatsSyncReachesTheDashboard(DevStack stack) throws Exception {
        HttpResponse<String> sync = HTTP.send(HttpRequest.newBuilder(URI.create(stack.url("vats-parser-service") + "/api/trunks/sync"))
                .header("Authorization", ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        // the service's own scheduled first sync may be running already: it makes the same events
        boolean alreadyRunning = sync.statusCode() == 409 && sync.body().contains("sync_in_progress");
        assertThat(alreadyRunning || sync.statusCode() >= 200 && sync.statusCode() <= 202).as(sync.body()).isTrue();
        // a first sync makes a trunk-changed (appeared) and a snapshot per trunk; which one is an entity's latest
        // depends on arrival, so look for the change events themselves
        String changes = awaitMatching(stack.url("dashboard-service")
                        + "/api/feed/telops.vats-trunks/events?type=io.telops.vats.trunk-changed.v1&limit=5",
                body -> body.contains("io.telops.vats.trunk-changed.v1"));
        assertThat(changes).contains("APPEARED");
    }

    /**
     * A forwarding line created through call-forward-service's admin API rents its number from the Plivo fake; the
     * number-rented event reaches the dashboard's feed, and a V3-signed answer callback for that number forwards.
     */
    private static void callForwardLineRentsFromThePlivoFake(DevStack stack) throws Exception {
        String cf = stack.url("call-forward-service");
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(cf + "/api/lines"))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"settings\":{\"name\":\"Smoke line\",\"owner\":\"smoke\","
                        + "\"sipEndpoint\":\"sip:smoke@phone.plivo.com\",\"mobile\":\"14155550100\"},"
                        + "\"rental\":{\"countryIso\":\"US\",\"type\":\"local\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String lineId = jsonString(created.body(), "id");
        String number = jsonString(created.body(), "forwardNumber");

        String entities = awaitMatching(stack.url("dashboard-service") + "/api/feed/telops.call-events/entities?limit=500",
                body -> body.contains(lineId));
        assertThat(entities).contains(lineId);
        String rented = awaitMatching(stack.url("dashboard-service") + "/api/feed/telops.call-events/events?key=" + lineId
                + "&type=io.telops.call.number-rented.v1", body -> body.contains(number));
        assertThat(rented).contains("io.telops.call.number-rented.v1").contains(number);

        // Plivo's answer callback, signed V3 with the fake's token over the URL the service was told is public
        String url = cf + "/plivo/answer";
        String callUuid = UUID.randomUUID().toString();
        String nonce = Long.toString(System.nanoTime());
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRETS.plivoAuthToken().getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = java.util.Base64.getEncoder().encodeToString(mac.doFinal(
                (url + "?CallUUID" + callUuid + "From14155550111To" + number + "." + nonce).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Plivo-Signature-V3", signature).header("X-Plivo-Signature-V3-Nonce", nonce)
                .POST(HttpRequest.BodyPublishers.ofString("CallUUID=" + callUuid + "&From=14155550111&To=" + number)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("<Dial").contains("sip:smoke@phone.plivo.com");
    }

    private static String jsonString(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(field + " in " + json).isTrue();
        return m.group(1);
    }

    private static String awaitOk(String url) throws Exception {
        return awaitMatching(url, body -> true);
    }

    private static String awaitMatching(String url, java.util.function.Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", ADMIN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == 200 && condition.test(last.body())) {
                return last.body();
            }
            Thread.sleep(200);
        }
        throw new AssertionError(url + " never answered as expected; last: "
                + (last == null ? "nothing" : last.statusCode() + " " + last.body()));
    }

    private static boolean consumeUntil(String bootstrap, String expectedValue) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.PHONE_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(250))) {
                    if (expectedValue.equals(record.value())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
