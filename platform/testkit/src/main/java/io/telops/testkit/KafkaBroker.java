package io.telops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.clients.admin.Admin;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, node 1) running in a child JVM
 * on loopback ports: a one-node {@link KafkaCluster}. Its log directory outlives a {@link #stop()}, so
 * {@link #start()} again is a restart.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final int NODE = 1;

    private final KafkaCluster node;
    private final int port;

    public KafkaBroker(Path dataDir, int port, int controllerPort) {
        this.node = new KafkaCluster(dataDir, List.of(port), List.of(controllerPort), "512m");
        this.port = port;
    }

    /** A broker on free ports in a fresh temporary directory. */
    public static KafkaBroker onFreePorts() {
        try {
            return new KafkaBroker(Files.createTempDirectory("telops-kafka"), LoopbackPorts.free(), LoopbackPorts.free());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return node.bootstrapServers();
    }

    public int port() {
        return port;
    }

    public KafkaBroker start() {
        node.start();
        return this;
    }

    /** Stops the broker process (SIGTERM: a controlled shutdown), keeping its data. */
    public void stop() {
        node.stop(NODE);
    }

    public boolean isRunning() {
        return node.isRunning(NODE);
    }

    public Admin admin() {
        return node.admin();
    }

    /** Creates the topics that do not exist yet. */
    public void createTopics(Collection<String> names, int partitions) {
        node.createTopics(names, partitions);
    }

    @Override
    public void close() {
        stop();
    }
}
