package io.telops.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.telops.contracts.Topics;
import io.telops.testkit.ChildJvm;
import io.telops.testkit.KafkaBroker;
import io.telops.testkit.LoopbackPorts;
import io.telops.testkit.MongoWireServer;
import io.telops.testkit.PostgresServer;

/**
 * The whole platform on one machine: a KRaft Kafka broker, PostgreSQL and a MongoDB wire server, all
 * embedded, and the six services as separate processes running their packaged jars.
 */
public final class DevStack implements AutoCloseable {
    public static final List<ServiceSpec> SERVICES = List.of(
            ServiceSpec.postgres("event-ingest-service", 8081, "ingest"),
            ServiceSpec.mongo("call-forward-service", 8082, "callforward"),
            ServiceSpec.postgres("provisioning-service", 8083, "provisioning"),
            ServiceSpec.postgres("billing-agi-service", 8084, "billing"),
            ServiceSpec.postgres("vats-parser-service", 8085, "vats"),
            ServiceSpec.postgres("dashboard-service", 8080, "dashboard"));

    private final Path root;
    private final Path dataDir;
    private final StackPorts ports;
    private final LocalSecrets secrets;
    private final Map<String, String> adminUser;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, ChildJvm> services = new LinkedHashMap<>();
    private KafkaBroker kafka;
    private PostgresServer postgres;
    private MongoWireServer mongo;
    private ChildJvm vatsSimulator;
    private ChildJvm plivoFake;
    private Consumer<String> progress = line -> { };
    private long startedAt;

    /**
     * @param root      the repository root (where the services' target/ folders are)
     * @param dataDir   where Kafka and PostgreSQL keep their data and the services their logs
     * @param ports     the ports to use
     * @param secrets   the admin password and the stand-ins' credentials of this run
     */
    public DevStack(Path root, Path dataDir, StackPorts ports, LocalSecrets secrets) {
        this.root = root;
        this.dataDir = dataDir;
        this.ports = ports;
        this.secrets = secrets;
        this.adminUser = secrets.adminUserConfig();
    }

    /** Where to report each component as it becomes ready (the local run prints them; tests need not). */
    public DevStack onProgress(Consumer<String> listener) {
        this.progress = listener;
        return this;
    }

    public synchronized DevStack start(Duration readinessTimeout) {
        startedAt = System.nanoTime();
        requireJarsBuilt();
        requirePortsFree();
        try {
            Files.createDirectories(dataDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka = new KafkaBroker(dataDir.resolve("kafka"), ports.kafka(), ports.kafkaController()).start();
        kafka.createTopics(Topics.ALL, 3);
        ready("Kafka broker", kafka.bootstrapServers(), dataDir.resolve("kafka"));
        postgres = new PostgresServer(dataDir.resolve("postgres"), ports.postgres()).start();
        ready("PostgreSQL", "127.0.0.1:" + ports.postgres(), dataDir.resolve("postgres"));
        mongo = MongoWireServer.persistent(ports.mongo(), dataDir.resolve("mongo").resolve("store.mv")).start();
        ready("MongoDB wire server", "127.0.0.1:" + ports.mongo(), dataDir.resolve("mongo"));
        vatsSimulator = VatsCabinetSimulator.start(root, ports.vatsSimulator(), secrets.vatsPassword(),
                dataDir.resolve("logs").resolve("vats-cabinet-simulator.log"));
        plivoFake = PlivoStandIn.start(root, ports.plivoFake(), secrets.plivoAuthToken(), dataDir.resolve("logs").resolve("plivo-fake.log"));
        progress.accept(String.format("%6.1f s  stand-ins started: VATS cabinet simulator, Plivo fake", elapsedSeconds()));
        for (ServiceSpec spec : SERVICES) {
            services.put(spec.name(), startService(spec));
        }
        progress.accept(String.format("%6.1f s  six services starting; waiting for /q/health/ready", elapsedSeconds()));
        awaitReady(readinessTimeout);
        return this;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public StackPorts ports() {
        return ports;
    }

    public Map<String, ChildJvm> serviceProcesses() {
        return Map.copyOf(services);
    }

    public String url(String service) {
        return "http://127.0.0.1:" + ports.httpPort(service);
    }

    /** The readiness answer of a service: HTTP status and body, or an exception's message. */
    public String readiness(String service) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url(service) + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "unreachable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    public boolean isReady(String service) {
        return readiness(service).startsWith("200 ");
    }

    /** Stops the services first (SIGTERM, then SIGKILL after a grace period), then the infrastructure. */
    @Override
    public synchronized void close() {
        List<ChildJvm> running = new ArrayList<>(services.values());
        running.forEach(p -> new Thread(() -> p.stop(Duration.ofSeconds(20))).start());
        running.forEach(p -> p.stop(Duration.ofSeconds(25)));
        services.clear();
        if (vatsSimulator != null) {
            vatsSimulator.stop(Duration.ofSeconds(10));
        }
        if (plivoFake != null) {
            plivoFake.stop(Duration.ofSeconds(10));
        }
        if (mongo != null) {
            mongo.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    private ChildJvm startService(ServiceSpec spec) {
        List<String> options = new ArrayList<>(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"));
        Map<String, String> config = new LinkedHashMap<>(adminUser);
        config.put("quarkus.http.port", String.valueOf(ports.httpPort(spec.name())));
        config.put("quarkus.http.host", "127.0.0.1");
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.log.file.enabled", "false");
        config.put("telops.fastagi.port", String.valueOf(ports.fastAgi()));
        config.put("telops.local-run", "true");
        // plain HTTP on loopback: a Secure cookie would never come back
        config.put("telops.security.session.secure-cookie", "false");
        config.put("telops.provisioning.secret-key", secrets.provisioningKey());
        for (ServiceSpec other : SERVICES) {
            config.put("telops.urls." + other.name(), url(other.name()));
        }
        if (spec.name().equals("event-ingest-service")) {
            // the local run listens on loopback only, so only local senders can push anyway; this says so
            config.put("telops.ingest.push.allowed-subnets", "127.0.0.0/8,::1/128");
        }
        if (spec.name().equals("vats-parser-service")) {
            config.putAll(VatsCabinetSimulator.serviceConfig(ports.vatsSimulator(), secrets.vatsPassword()));
        }
        if (spec.name().equals("call-forward-service")) {
            config.putAll(PlivoStandIn.serviceConfig(ports.plivoFake(), secrets.plivoAuthToken(), url(spec.name())));
        }
        spec.database().ifPresent(db -> {
            if (spec.store() == ServiceSpec.Store.POSTGRES) {
                config.putAll(postgres.quarkusConfig(db));
            } else if (spec.store() == ServiceSpec.Store.MONGO) {
                config.put("quarkus.mongodb.connection-string", mongo.connectionString());
                config.put("quarkus.mongodb.database", db);
            }
        });
        config.forEach((k, v) -> options.add("-D" + k + "=" + v));
        return ChildJvm.start(spec.name(), jar(spec).toString(), options,
                "io.quarkus.bootstrap.runner.QuarkusEntryPoint", List.of(), Map.of(),
                dataDir.resolve("logs").resolve(spec.name() + ".log"));
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ServiceSpec spec : SERVICES) {
            while (!isReady(spec.name())) {
                ChildJvm process = services.get(spec.name());
                if (!process.isAlive()) {
                    throw new IllegalStateException(spec.name() + " exited during start-up; read " + logFile(spec));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(spec.name() + " not ready within " + timeout + ": "
                            + readiness(spec.name()) + "; read " + logFile(spec));
                }
                sleep(250);
            }
            ready(spec.name(), url(spec.name()), logFile(spec));
        }
    }

    private void ready(String component, String where, Path look) {
        progress.accept(String.format("%6.1f s  %-22s ready  %-28s (%s)", elapsedSeconds(), component, where, look));
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    private Path logFile(ServiceSpec spec) {
        return dataDir.resolve("logs").resolve(spec.name() + ".log");
    }

    private void requireJarsBuilt() {
        for (ServiceSpec spec : SERVICES) {
            if (!Files.isRegularFile(jar(spec))) {
                throw new IllegalStateException(jar(spec) + " is missing: build first with ./mvnw install -DskipTests");
            }
        }
    }

    private void requirePortsFree() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("Kafka", ports.kafka());
        wanted.put("Kafka controller", ports.kafkaController());
        wanted.put("PostgreSQL", ports.postgres());
        wanted.put("MongoDB", ports.mongo());
        wanted.put("FastAGI", ports.fastAgi());
        wanted.put("VATS cabinet simulator", ports.vatsSimulator());
        wanted.put("Plivo fake", ports.plivoFake());
        ports.http().forEach(wanted::put);
        List<String> taken = wanted.entrySet().stream().filter(e -> !LoopbackPorts.isFree(e.getValue()))
                .map(e -> e.getKey() + " port " + e.getValue()).toList();
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + String.join(", ", taken)
                    + " (another devstack running? stop it, or free these ports)");
        }
    }

    private Path jar(ServiceSpec spec) {
        return root.resolve(spec.name()).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
