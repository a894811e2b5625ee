package io.telops.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;

/**
 * Several real Kafka nodes in KRaft mode, each a child JVM with its own ports and log directory. Every node is broker
 * and controller, so the controller quorum is the whole cluster and survives the loss of a minority. With three nodes
 * the cluster's defaults are those of a production cluster: replication factor 3 and {@code min.insync.replicas=2}
 * (an {@code acks=all} write is acknowledged once two replicas have it), also for the offsets and transaction logs.
 * One node is the degenerate case: {@link KafkaBroker} is one.
 */
public final class KafkaCluster implements AutoCloseable {
    private static final String CLASSPATH_RESOURCE = "/io/telops/testkit/kafka-broker.classpath";

    private final Path dataDir;
    private final List<Integer> ports;
    private final List<Integer> controllerPorts;
    private final String heapMax;
    private final ChildJvm[] nodes;
    private final Object clusterIdLock = new Object();
    private volatile List<String> gcAndCompiler = List.of("-XX:+UseG1GC");

    /**
     * @param dataDir         one sub-directory per node ({@code node-1}, ...) and the cluster id; a single node uses
     *                        the directory itself
     * @param ports           the client (PLAINTEXT) port of each node
     * @param controllerPorts the controller port of each node, same length
     */
    public KafkaCluster(Path dataDir, List<Integer> ports, List<Integer> controllerPorts, String heapMax) {
        if (ports.isEmpty() || ports.size() != controllerPorts.size()) {
            throw new IllegalArgumentException("one client and one controller port per node");
        }
        this.dataDir = dataDir;
        this.ports = List.copyOf(ports);
        this.controllerPorts = List.copyOf(controllerPorts);
        this.heapMax = heapMax;
        this.nodes = new ChildJvm[ports.size()];
    }

    /**
     * The nodes' collector and compiler options instead of G1 alone, e.g. {@code -XX:+UseSerialGC
     * -XX:TieredStopAtLevel=1} where start-up CPU matters more than peak throughput (a small machine running many
     * JVMs); applies to nodes started after the call.
     */
    public KafkaCluster jvmOptions(List<String> options) {
        this.gcAndCompiler = List.copyOf(options);
        return this;
    }

    public int size() {
        return ports.size();
    }

    /** The node ids, 1..size. */
    public List<Integer> nodeIds() {
        return IntStream.rangeClosed(1, size()).boxed().toList();
    }

    public int port(int nodeId) {
        return ports.get(nodeId - 1);
    }

    public int controllerPort(int nodeId) {
        return controllerPorts.get(nodeId - 1);
    }

    /** Every node's address: clients find the cluster through any node that is up. */
    public String bootstrapServers() {
        return ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public int replicationFactor() {
        return Math.min(3, size());
    }

    public int minInSyncReplicas() {
        return replicationFactor() == 1 ? 1 : 2;
    }

    /** Starts every node that is not running (all at once: a node only becomes ready with a quorum) and waits. */
    public KafkaCluster start() {
        return start(Duration.ofSeconds(180));
    }

    /** As {@link #start()}, waiting up to {@code timeout} (a starved machine can take minutes). */
    public synchronized KafkaCluster start(Duration timeout) {
        // in parallel: formatting a node's storage is a JVM start of its own
        List<Thread> launching = new ArrayList<>();
        List<RuntimeException> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int id : nodeIds()) {
            if (!isRunning(id)) {
                Thread t = new Thread(() -> {
                    try {
                        launch(id);
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }, "kafka-launch-" + id);
                launching.add(t);
                t.start();
            }
        }
        for (Thread t : launching) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        awaitNodes(timeout);
        return this;
    }

    /** Starts one node again after a {@link #kill(int)} or {@link #stop(int)} and waits until the cluster sees it. */
    public synchronized void start(int nodeId) {
        if (!isRunning(nodeId)) {
            launch(nodeId);
        }
        awaitNodes(Duration.ofSeconds(180));
    }

    public synchronized boolean isRunning(int nodeId) {
        ChildJvm node = nodes[nodeId - 1];
        return node != null && node.isAlive();
    }

    public synchronized ChildJvm process(int nodeId) {
        return nodes[nodeId - 1];
    }

    /** SIGKILL of one node: no controlled shutdown, leadership moves only once the controller notices. */
    public synchronized void kill(int nodeId) {
        ChildJvm node = nodes[nodeId - 1];
        if (node != null) {
            node.kill();
            nodes[nodeId - 1] = null;
        }
    }

    /** SIGTERM of one node (a controlled shutdown), keeping its data. */
    public synchronized void stop(int nodeId) {
        ChildJvm node = nodes[nodeId - 1];
        if (node != null) {
            node.stop(Duration.ofSeconds(30));
            nodes[nodeId - 1] = null;
        }
    }

    /** Stops every node at once (a node waits for the others' controlled shutdown), keeping the data. */
    public void stop() {
        List<ChildJvm> running = new ArrayList<>();
        synchronized (this) {
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i] != null) {
                    running.add(nodes[i]);
                    nodes[i] = null;
                }
            }
        }
        List<Thread> stopping = new ArrayList<>();
        for (ChildJvm node : running) {
            Thread t = new Thread(() -> node.stop(Duration.ofSeconds(30)), "stop-" + node.name());
            stopping.add(t);
            t.start();
        }
        for (Thread t : stopping) {
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    public Admin admin() {
        return KafkaAdmin.connect(bootstrapServers());
    }

    /** Creates the topics that do not exist yet, with the cluster's replication factor. */
    public void createTopics(Collection<String> names, int partitions) {
        KafkaAdmin.createMissing(bootstrapServers(), names, n -> new NewTopic(n, partitions, (short) replicationFactor())
                .configs(Map.of("min.insync.replicas", String.valueOf(minInSyncReplicas()))));
    }

    /** The node id leading partition {@code partition} of {@code topic} now, or -1 when it has no leader. */
    public int leaderOf(String topic, int partition) {
        try (Admin admin = admin()) {
            TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(20, TimeUnit.SECONDS).get(topic);
            Node leader = d.partitions().get(partition).leader();
            return leader == null ? -1 : leader.id();
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe " + topic, e);
        }
    }

    /** True when every partition of the topics has a leader and its full replica set in sync. */
    public boolean fullyReplicated(Collection<String> topics) {
        try (Admin admin = admin()) {
            return admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS).values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && p.isr().size() == p.replicas().size());
        } catch (Exception e) {
            return false;
        }
    }

    private void launch(int id) {
        Path dir = nodeDir(id);
        LoopbackPorts.requireFree(port(id));
        LoopbackPorts.requireFree(controllerPort(id));
        try {
            Files.createDirectories(dir);
            Path config = writeConfig(id, dir);
            Path log = dir.resolve("broker.log");
            if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
                ChildJvm.run("kafka-storage-format-" + id, classpath(), "kafka.tools.StorageTool",
                        List.of("format", "-t", clusterId(), "-c", config.toString(), "--ignore-formatted"),
                        log, Duration.ofSeconds(60));
            }
            List<String> options = new ArrayList<>(List.of("-Xms96m", "-Xmx" + heapMax));
            options.addAll(gcAndCompiler);
            options.addAll(List.of("-Djava.awt.headless=true", "-Dkafka.logs.dir=" + dir.resolve("server-logs")));
            nodes[id - 1] = ChildJvm.start("kafka-" + id, classpath(), options,
                    "kafka.Kafka", List.of(config.toString()), Map.of(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One id for the whole cluster, made once and kept beside the nodes' directories. Nodes are formatted in parallel,
     * so the check-then-write is locked: unlocked, each node could write and read back its own id, and nodes of
     * different clusters answer each other's votes with INCONSISTENT_CLUSTER_ID forever (no leader, no error logged).
     */
    String clusterId() throws IOException {
        synchronized (clusterIdLock) {
            Path file = dataDir.resolve("cluster-id");
            if (!Files.exists(file)) {
                Files.createDirectories(dataDir);
                Files.writeString(file, Uuid.randomUuid().toString());
            }
            return Files.readString(file).strip();
        }
    }

    private void awaitNodes(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        long wanted = nodeIds().stream().filter(this::isRunning).count();
        int[] relaunched = new int[size()];
        while (System.nanoTime() < deadline) {
            for (int id : nodeIds()) {
                ChildJvm node = nodes[id - 1];
                if (node != null && !node.isAlive()) {
                    String why = "Kafka node " + id + " exited during start-up (exit code " + node.exitCode().orElse(-1)
                            + "); see " + nodeDir(id).resolve("broker.log");
                    if (relaunched[id - 1]++ > 0) {
                        throw new IllegalStateException(why);
                    }
                    // once more: on a starved machine a node can die before it logs anything
                    System.err.println(why + "; starting it once more");
                    nodes[id - 1] = null;
                    launch(id);
                }
            }
            try {
                if (everyRunningNodeAnswers(wanted)) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Pause.millis(250);
        }
        throw new IllegalStateException("Kafka cluster not ready within " + timeout + "; see " + dataDir, last);
    }

    /**
     * Each running node answers on its own port (a KRaft broker serves requests only once the controller has unfenced
     * it) and the cluster lists them all. Asking any node is not enough: a node killed and started again within its
     * broker session is still listed by the others while its new JVM is starting.
     */
    private boolean everyRunningNodeAnswers(long wanted) throws Exception {
        for (int id : nodeIds()) {
            if (isRunning(id)) {
                try (Admin own = KafkaAdmin.probe("127.0.0.1:" + port(id))) {
                    if (own.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() < wanted) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** A one-node cluster keeps {@link KafkaBroker}'s layout, so a data directory it made is reused as it is. */
    private Path nodeDir(int id) {
        return size() == 1 ? dataDir : dataDir.resolve("node-" + id);
    }

    private Path writeConfig(int id, Path dir) throws IOException {
        int rf = replicationFactor();
        String isr = String.valueOf(minInSyncReplicas());
        String voters = nodeIds().stream().map(n -> n + "@127.0.0.1:" + controllerPort(n)).collect(Collectors.joining(","));
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", String.valueOf(id));
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port(id) + ",CONTROLLER://127.0.0.1:" + controllerPort(id));
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port(id));
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("logs").toString());
        p.setProperty("num.partitions", "6");
        p.setProperty("default.replication.factor", String.valueOf(rf));
        p.setProperty("min.insync.replicas", isr);
        p.setProperty("unclean.leader.election.enable", "false");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", String.valueOf(rf));
        p.setProperty("offsets.topic.num.partitions", "6");
        p.setProperty("transaction.state.log.replication.factor", String.valueOf(rf));
        p.setProperty("transaction.state.log.min.isr", isr);
        p.setProperty("share.coordinator.state.topic.replication.factor", String.valueOf(rf));
        p.setProperty("share.coordinator.state.topic.min.isr", isr);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // a node that has not registered with the quorum within this exits (code 1, nothing logged); the default 60 s
        // is too short when three nodes start together on a starved machine
        p.setProperty("initial.broker.registration.timeout.ms", "300000");
        // a killed node is fenced after 6 s without a heartbeat (default 9 s): its partitions' leadership moves sooner
        p.setProperty("broker.session.timeout.ms", "6000");
        p.setProperty("broker.heartbeat.interval.ms", "1000");
        p.setProperty("log.retention.hours", "168");
        Path file = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "written by io.telops.testkit.KafkaCluster");
        }
        return file;
    }

    /** The broker's jars (Kafka's Scala build and its dependencies), listed by the build beside the classes. */
    static String classpath() {
        try (InputStream in = KafkaCluster.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " missing: build the testkit with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
