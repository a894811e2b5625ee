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
 * {@code java -jar platform/devstack/target/devstack.jar [--fresh] [--data-dir DIR]}: starts the platform on
 * this machine, prints where everything is, and stops it all on Ctrl-C or SIGTERM.
 */
public final class DevStackMain {
    private DevStackMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> options = List.of(args);
        if (options.contains("--help") || options.contains("-h")) {
            System.out.println("usage: devstack [--fresh] [--data-dir DIR]   (default data dir: .telops-data)");
            return;
        }
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
        DevStack stack = new DevStack(root, dataDir, StackPorts.standard(), secrets).onProgress(System.out::println);
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
        out.append(String.format("%-22s %-28s %s%n", "service", "url", "readiness"));
        for (ServiceSpec spec : DevStack.SERVICES) {
            out.append(String.format("%-22s %-28s %s%n", spec.name(), stack.url(spec.name()),
                    stack.url(spec.name()) + "/q/health/ready"));
        }
        out.append(String.format("%n%-22s agi://127.0.0.1:%d/authorize%n", "FastAGI", ports.fastAgi()));
        out.append(String.format("%-22s 127.0.0.1:%d%n", "Kafka", ports.kafka()));
        out.append(String.format("%-22s jdbc:postgresql://127.0.0.1:%d/<service> (user postgres)%n", "PostgreSQL", ports.postgres()));
        out.append(String.format("%-22s mongodb://127.0.0.1:%d%n", "MongoDB (wire server)", ports.mongo()));
        out.append(String.format("%-22s http://127.0.0.1:%d (MTS VATS stand-in, 200 trunks)%n", "VATS simulator",
                ports.vatsSimulator()));
        out.append(String.format("%-22s http://127.0.0.1:%d (Plivo REST stand-in: rental, applications, SMS)%n", "Plivo fake",
                ports.plivoFake()));
        out.append(String.format("%n%-22s admin / %s   (HTTP Basic, every admin API; kept in %s)%n", "admin login",
                password, dataDir.resolve("admin-password")));
        out.append(String.format("%-22s %s%n", "logs", dataDir.resolve("logs")));
        System.out.print(out);
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
