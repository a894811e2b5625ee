package io.telops.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;


/**
 * {@code java -jar platform/devstack/target/devstack.jar [--fresh] [--data-dir DIR] [--brokers N] [--replicas N]}:
 * starts the platform on this machine, prints where everything is, and stops it all on Ctrl-C or SIGTERM.
 */
public final class DevStackMain {
    private DevStackMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        if (options.contains("--help") || options.contains("-h")) {
            System.out.println("usage: devstack [--fresh] [--data-dir DIR] [--brokers N] [--replicas N]");
            System.out.println("  --data-dir DIR  where data and logs are kept (default .telops-data)");
            System.out.println("  --brokers N     Kafka nodes (KRaft, each broker and controller); 3: replication factor 3,");
            System.out.println("                  min.insync.replicas=2 (default 1). Use a fresh data dir when N changes.");
            System.out.println("  --replicas N    instances of every service, each on its own ports (default 1)");
            return;
        }
        int brokers = intOption(options, "--brokers", 1, 5);
        int replicas = intOption(options, "--replicas", 1, 5);
        Path root = Path.of(System.getProperty("telops.root", ".")).toAbsolutePath().normalize();
        Path dataDir = options.contains("--data-dir")
                ? Path.of(options.get(options.indexOf("--data-dir") + 1)).toAbsolutePath()
                : root.resolve(".telops-data");
        if (options.contains("--fresh")) {
            deleteRecursively(dataDir);
        }
        Files.createDirectories(dataDir);
        LocalSecrets secrets = LocalSecrets.load(dataDir);
        String password = secrets.adminPassword();

        long started = System.nanoTime();
        DevStack stack = new DevStack(root, dataDir, StackPorts.standard(brokers, replicas), secrets).onProgress(System.out::println);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping the platform...");
            stack.close();
            System.out.println("stopped.");
            stopped.countDown();
        }, "devstack-stop"));
        try {
            stack.start(Duration.ofMinutes(5));
        } catch (RuntimeException e) {
            System.err.println("devstack: " + e.getMessage());
            System.exit(1);
        }
        printTable(stack, dataDir, password, Duration.ofNanos(System.nanoTime() - started));
        stopped.await();
    }

    private static void printTable(DevStack stack, Path dataDir, String password, Duration startTime) {
        StackPorts ports = stack.ports();
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nTelops is up (%.1f s). Ctrl-C stops everything.%n%n", startTime.toMillis() / 1000.0));
        out.append(String.format("%-24s %-28s %s%n", "service", "url", "readiness"));
        for (ServiceInstance instance : stack.instances()) {
            out.append(String.format("%-24s %-28s %s%n", instance.id(), stack.url(instance),
                    stack.url(instance) + "/q/health/ready"));
        }
        out.append('\n');
        for (int i = 0; i < ports.replicas(); i++) {
            out.append(String.format("%-24s agi://127.0.0.1:%d/authorize%n", i == 0 ? "FastAGI" : "FastAGI #" + (i + 1),
                    ports.fastAgiPorts().get(i)));
        }
        for (int i = 0; i < ports.brokers(); i++) {
            out.append(String.format("%-24s 127.0.0.1:%d (controller %d)%n", ports.brokers() == 1 ? "Kafka" : "Kafka node " + (i + 1),
                    ports.kafkaNodes().get(i), ports.kafkaControllers().get(i)));
        }
        if (ports.brokers() > 1) {
            out.append(String.format("%-24s %s (replication factor %d, min.insync.replicas %d, %d partitions)%n",
                    "Kafka bootstrap", stack.bootstrapServers(), stack.kafka().replicationFactor(),
                    stack.kafka().minInSyncReplicas(), DevStack.TOPIC_PARTITIONS));
        }
        out.append(String.format("%-24s jdbc:postgresql://127.0.0.1:%d/<service> (user postgres)%n", "PostgreSQL", ports.postgres()));
        out.append(String.format("%-24s mongodb://127.0.0.1:%d%n", "MongoDB (wire server)", ports.mongo()));
        out.append(String.format("%-24s http://127.0.0.1:%d (MTS VATS stand-in, 200 trunks)%n", "VATS simulator",
                ports.vatsSimulator()));
        out.append(String.format("%-24s http://127.0.0.1:%d (Plivo REST stand-in: rental, applications, SMS)%n", "Plivo fake",
                ports.plivoFake()));
        out.append(String.format("%n%-24s admin / %s   (HTTP Basic, every admin API; kept in %s)%n", "admin login",
                password, dataDir.resolve("admin-password")));
        out.append(String.format("%-24s %s%n", "logs", dataDir.resolve("logs")));
        System.out.print(out);
    }

    private static int intOption(List<String> options, String name, int fallback, int max) {
        int at = options.indexOf(name);
        if (at < 0) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(options.get(at + 1));
            if (value < 1 || value > max) {
                throw new NumberFormatException();
            }
            return value;
        } catch (RuntimeException e) {
            System.err.println("devstack: " + name + " wants a number from 1 to " + max);
            System.exit(2);
            return fallback;
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
