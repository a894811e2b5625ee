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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import io.telops.contracts.Topics;
import io.telops.testkit.ChildJvm;
import io.telops.testkit.KafkaCluster;
import io.telops.testkit.LoopbackPorts;
import io.telops.testkit.MongoWireServer;
import io.telops.testkit.MongoWireServerMain;
import io.telops.testkit.Pause;
import io.telops.testkit.PostgresServer;

/**
 * The whole platform on one machine: a KRaft Kafka broker (or a cluster of several), PostgreSQL and a MongoDB wire
 * server, all embedded, and the six services (one or more instances each, on the same stores) as separate processes
 * running their packaged jars.
 */
public final class DevStack implements AutoCloseable {
    public static final List<ServiceSpec> SERVICES = List.of(
            ServiceSpec.postgres("event-ingest-service", 8081, "ingest"),
            ServiceSpec.mongo("call-forward-service", 8082, "callforward"),
            ServiceSpec.postgres("provisioning-service", 8083, "provisioning"),
            ServiceSpec.postgres("billing-agi-service", 8084, "billing"),
            ServiceSpec.postgres("vats-parser-service", 8085, "vats"),
            ServiceSpec.postgres("dashboard-service", 8080, "dashboard"));

    /** Starts of a service instance before its start-up failure is the caller's. */
    private static final int MAX_STARTS = 4;

    /** Partitions of every platform topic: enough for six consumers of one group to each own one. */
    public static final int TOPIC_PARTITIONS = 6;

    private final Path root;
    private final Path dataDir;
    private final StackPorts ports;
    private final LocalSecrets secrets;
    private final Map<String, String> adminUser;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, ChildJvm> services = new LinkedHashMap<>();
    private KafkaCluster kafka;
    private PostgresServer postgres;
    private MongoWireServer mongo;
    private ChildJvm mongoProcess;
    private boolean mongoOwnProcess;
    private boolean staticConsumers = true;
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

    /**
     * Runs the MongoDB wire server in a JVM of its own instead of this one, so it can be killed like a database
     * server (the fault harness does); the local run keeps it in-process.
     */
    public DevStack mongoInOwnProcess() {
        this.mongoOwnProcess = true;
        return this;
    }

    /**
     * The dashboard's consumers as dynamic group members (they leave on shutdown, a restart rebalances), as a
     * Deployment whose pods get new names runs them; by default they are static members named after the instance.
     */
    public DevStack dynamicConsumerMembers() {
        this.staticConsumers = false;
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
        kafka = new KafkaCluster(dataDir.resolve("kafka"), ports.kafkaNodes(), ports.kafkaControllers(),
                ports.brokers() == 1 ? "512m" : "384m")
                // as the services: start-up CPU before peak throughput (the stack shares a laptop's cores)
                .jvmOptions(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        // Kafka's nodes start (and wait for their quorum) while the stores and stand-ins start beside them
        CompletableFuture<Void> kafkaUp = CompletableFuture.runAsync(() -> {
            kafka.start(readinessTimeout);
            List<String> topics = new ArrayList<>(Topics.ALL);
            topics.addAll(Topics.INTERNAL);
            kafka.createTopics(topics, TOPIC_PARTITIONS);
            ready(ports.brokers() == 1 ? "Kafka broker" : "Kafka (" + ports.brokers() + " nodes)",
                    kafka.bootstrapServers(), dataDir.resolve("kafka"));
        }, r -> new Thread(r, "kafka-start").start());
        postgres = new PostgresServer(dataDir.resolve("postgres"), ports.postgres()).start();
        ready("PostgreSQL", "127.0.0.1:" + ports.postgres(), dataDir.resolve("postgres"));
        startMongo();
        ready("MongoDB wire server", "127.0.0.1:" + ports.mongo(), dataDir.resolve("mongo"));
        vatsSimulator = VatsCabinetSimulator.start(root, ports.vatsSimulator(), secrets.vatsPassword(),
                dataDir.resolve("logs").resolve("vats-cabinet-simulator.log"));
        plivoFake = PlivoStandIn.start(root, ports.plivoFake(), secrets.plivoAuthToken(), dataDir.resolve("logs").resolve("plivo-fake.log"));
        progress.accept(String.format("%6.1f s  stand-ins started: VATS cabinet simulator, Plivo fake", elapsedSeconds()));
        try {
            kafkaUp.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        progress.accept(String.format("%6.1f s  CPU so far: %s", elapsedSeconds(), cpuSeconds()));
        // one wave per instance index: the first instances migrate the schemas (Flyway) before the others start, and
        // a small machine is not asked to boot every JVM at once
        for (int index = 0; index < ports.replicas(); index++) {
            int wave = index;
            List<ServiceInstance> starting = instances().stream().filter(i -> i.index() == wave).toList();
            for (ServiceInstance instance : starting) {
                services.put(instance.id(), startService(instance));
            }
            progress.accept(String.format("%6.1f s  %d service instances starting; waiting for /q/health/ready",
                    elapsedSeconds(), starting.size()));
            awaitReady(starting, readinessTimeout);
        }
        progress.accept(String.format("%6.1f s  CPU so far: %s", elapsedSeconds(), cpuSeconds()));
        return this;
    }

    /** Every instance of every service, first instances first. */
    public List<ServiceInstance> instances() {
        List<ServiceInstance> all = new ArrayList<>();
        for (int i = 0; i < ports.replicas(); i++) {
            for (ServiceSpec spec : SERVICES) {
                if (i < ports.replicas(spec.name())) {
                    all.add(new ServiceInstance(spec, i));
                }
            }
        }
        return all;
    }

    public ServiceInstance instance(String service, int index) {
        return instances().stream().filter(i -> i.spec().name().equals(service) && i.index() == index).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no instance " + index + " of " + service));
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The Kafka nodes, to kill, stall or restart them. */
    public KafkaCluster kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public String url(ServiceInstance instance) {
        return "http://127.0.0.1:" + ports.httpPort(instance.spec().name(), instance.index());
    }

    /** The JVM of one service instance (null while it is down). */
    public synchronized ChildJvm process(ServiceInstance instance) {
        return services.get(instance.id());
    }

    /** SIGKILL of one service instance: no shutdown hook runs, in-flight requests and batches are cut off. */
    public synchronized void kill(ServiceInstance instance) {
        ChildJvm process = services.remove(instance.id());
        if (process != null) {
            process.kill();
        }
    }

    /**
     * SIGTERM of one service instance (a rolling update's stop): its shutdown hooks run (consumers leave or keep their
     * group membership, pools close); SIGKILL after 20 s.
     */
    public synchronized void stop(ServiceInstance instance) {
        ChildJvm process = services.remove(instance.id());
        if (process != null) {
            process.terminate(Duration.ofSeconds(20));
        }
    }

    /** Starts a stopped or killed instance again and waits until it is ready. */
    public DevStack restart(ServiceInstance instance, Duration readinessTimeout) {
        synchronized (this) {
            if (services.containsKey(instance.id()) && services.get(instance.id()).isAlive()) {
                return this;
            }
            services.put(instance.id(), startService(instance));
        }
        awaitReady(List.of(instance), readinessTimeout);
        return this;
    }

    /** SIGKILL of the MongoDB wire server (its own process only: see {@link #mongoInOwnProcess()}). */
    public synchronized void killMongo() {
        if (mongoProcess == null) {
            throw new IllegalStateException("the MongoDB wire server runs in this JVM: use mongoInOwnProcess()");
        }
        mongoProcess.kill();
        mongoProcess = null;
    }

    /** Starts the MongoDB wire server again on its port and store file. */
    public synchronized void restartMongo() {
        if (mongoProcess == null && mongo == null) {
            startMongo();
        }
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
        return readinessAt(url(service));
    }

    private String readinessAt(String baseUrl) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
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
        if (mongoProcess != null) {
            mongoProcess.stop(Duration.ofSeconds(10));
            mongoProcess = null;
        }
        if (postgres != null) {
            postgres.stop();
        }
        if (kafka != null) {
            kafka.stop();
        }
    }

    private void startMongo() {
        Path store = dataDir.resolve("mongo").resolve("store.mv");
        if (!mongoOwnProcess) {
            mongo = MongoWireServer.persistent(ports.mongo(), store).start();
            return;
        }
        try {
            Files.createDirectories(store.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoopbackPorts.requireFree(ports.mongo());
        mongoProcess = ChildJvm.start("mongo-wire-server", System.getProperty("java.class.path"),
                List.of("-Xmx256m", "-XX:+UseSerialGC"), MongoWireServerMain.class.getName(),
                List.of(String.valueOf(ports.mongo()), store.toString()), Map.of(),
                dataDir.resolve("logs").resolve("mongo-wire-server.log"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (LoopbackPorts.isFree(ports.mongo())) {
            if (!mongoProcess.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("MongoDB wire server did not start; read "
                        + dataDir.resolve("logs").resolve("mongo-wire-server.log"));
            }
            Pause.millis(100);
        }
    }

    private ChildJvm startService(ServiceInstance instance) {
        ServiceSpec spec = instance.spec();
        List<String> options = new ArrayList<>(List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"));
        Map<String, String> config = new LinkedHashMap<>(adminUser);
        config.put("quarkus.http.port", String.valueOf(ports.httpPort(spec.name(), instance.index())));
        config.put("quarkus.http.host", "127.0.0.1");
        // every node's address: a client that knows only a dead node cannot find the cluster
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.log.file.enabled", "false");
        if (instance.index() < ports.fastAgiPorts().size()) {
            config.put("telops.fastagi.port", String.valueOf(ports.fastAgiPorts().get(instance.index())));
        }
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
        if (spec.name().equals("billing-agi-service")) {
            // calling cards and vouchers are off without it (their PINs and codes are stored as keyed digests)
            config.put("telops.billing.codes.secret", secrets.billingCodesKey());
        }
        if (spec.name().equals("dashboard-service") && staticConsumers) {
            // an instance keeps its name across restarts (as a StatefulSet's pod): static group membership, so a
            // restarted instance takes its partitions back without a rebalance (dashboard README)
            config.put("quarkus.profile", "prod,static-members");
            config.put("telops.dashboard.consumer.instance-id", instance.id().replace('#', '-'));
        }
        if (spec.name().equals("vats-parser-service")) {
            config.putAll(VatsCabinetSimulator.serviceConfig(ports.vatsSimulator(), secrets.vatsPassword()));
        }
        if (spec.name().equals("call-forward-service")) {
            // each instance signs and checks callbacks against its own URL (behind a load balancer: the shared one)
            config.putAll(PlivoStandIn.serviceConfig(ports.plivoFake(), secrets.plivoAuthToken(), url(instance)));
        }
        spec.database().ifPresent(db -> {
            if (spec.store() == ServiceSpec.Store.POSTGRES) {
                config.putAll(postgres.quarkusConfig(db));
            } else if (spec.store() == ServiceSpec.Store.MONGO) {
                config.put("quarkus.mongodb.connection-string", "mongodb://127.0.0.1:" + ports.mongo());
                config.put("quarkus.mongodb.database", db);
            }
        });
        config.forEach((k, v) -> options.add("-D" + k + "=" + v));
        return ChildJvm.start(instance.id(), jar(spec).toString(), options,
                "io.quarkus.bootstrap.runner.QuarkusEntryPoint", List.of(), Map.of(), logFile(instance));
    }

    private void awaitReady(List<ServiceInstance> waitFor, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ServiceInstance instance : waitFor) {
            int starts = 1;
            while (!isReady(instance)) {
                ChildJvm process = process(instance);
                if (process == null || !process.isAlive()) {
                    String why = instance.id() + " exited during start-up; read " + logFile(instance);
                    if (starts == MAX_STARTS || process == null) {
                        throw new IllegalStateException(why);
                    }
                    // again, as Kubernetes restarts a pod: on a starved machine a start-up can time out on its first
                    // database connection (Flyway's 5 s pool acquisition), twice in a row at load 100 (fault table)
                    progress.accept(String.format("%6.1f s  %s; starting it again", elapsedSeconds(), why));
                    starts++;
                    synchronized (this) {
                        services.put(instance.id(), startService(instance));
                    }
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(instance.id() + " not ready within " + timeout + ": "
                            + readiness(instance) + "; read " + logFile(instance));
                }
                Pause.millis(250);
            }
            ready(instance.id(), url(instance), logFile(instance));
        }
    }

    public boolean isReady(ServiceInstance instance) {
        return readiness(instance).startsWith("200 ");
    }

    /** The readiness answer of one instance: HTTP status and body, or an exception's message. */
    public String readiness(ServiceInstance instance) {
        return readinessAt(url(instance));
    }

    /**
     * CPU seconds each part of the stack has used so far (Kafka's running nodes and each service's running instances
     * summed; PostgreSQL and exited JVMs not counted): on a
     * small machine a start is bound by CPU, so these say what a start costs whatever else the machine runs.
     */
    public String cpuSeconds() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        if (kafka != null) {
            cpu.put("kafka", kafka.nodeIds().stream().map(kafka::process).mapToDouble(DevStack::cpuOf).sum());
        }
        Map<String, ChildJvm> running;
        synchronized (this) {
            running = new LinkedHashMap<>(services);
        }
        running.forEach((id, jvm) -> cpu.merge(id.replaceAll("#\\d+$", ""), cpuOf(jvm), Double::sum));
        cpu.put("this JVM (load, harness)", ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1e3)
                .orElse(0.0));
        StringBuilder line = new StringBuilder();
        cpu.forEach((k, v) -> line.append(line.isEmpty() ? "" : ", ").append(k).append(String.format(" %.1f", v)));
        return line.toString();
    }

    private static double cpuOf(ChildJvm jvm) {
        if (jvm == null) {
            return 0;
        }
        return ProcessHandle.of(jvm.pid()).flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toMillis() / 1e3)
                .orElse(0.0);
    }

    private void ready(String component, String where, Path look) {
        progress.accept(String.format("%6.1f s  %-22s ready  %-28s (%s)", elapsedSeconds(), component, where, look));
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    private Path logFile(ServiceInstance instance) {
        return dataDir.resolve("logs").resolve(instance.id() + ".log");
    }

    private void requireJarsBuilt() {
        for (ServiceSpec spec : SERVICES) {
            if (!Files.isRegularFile(jar(spec))) {
                throw new IllegalStateException(jar(spec) + " is missing: build first with ./mvnw install -DskipTests");
            }
        }
    }

    private void requirePortsFree() {
        Map<String, Integer> wanted = ports.named();
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
}
