package io.telops.devstack;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.telops.testkit.ChildJvm;

/**
 * The MTS VATS cabinet cannot be reached from a developer machine, so the local run starts the simulator that
 * vats-parser-service's tests use (from its compiled test classes) and points the service at it.
 */
final class VatsCabinetSimulator {
    static final String USER = "demo";
    static final String PASSWORD = "demo-local";
    private static final String MODULE = "vats-parser-service";

    private VatsCabinetSimulator() {
    }

    static ChildJvm start(Path root, int port, Path logFile) {
        Path module = root.resolve(MODULE).resolve("target");
        Path testClasses = module.resolve("test-classes");
        if (!Files.isDirectory(testClasses)) {
            throw new IllegalStateException(testClasses + " is missing: build with ./mvnw install -DskipTests");
        }
        String classpath = testClasses + File.pathSeparator + module.resolve("classes");
        ChildJvm simulator = ChildJvm.start("vats-cabinet-simulator", classpath, List.of("-Xmx128m", "-XX:+UseSerialGC"),
                "io.telops.vats.simulator.VatsSimulatorMain",
                List.of("--port", String.valueOf(port), "--trunks", "200", "--user", USER, "--password", PASSWORD),
                Map.of(), logFile);
        awaitListening(simulator, "VATS simulator", port, Duration.ofSeconds(60), logFile);
        return simulator;
    }

    /** What vats-parser-service needs to sign in to the simulator. */
    static Map<String, String> serviceConfig(int port) {
        return Map.of("telops.vats.base-url", "http://127.0.0.1:" + port,
                "telops.vats.username", USER,
                "telops.vats.password", PASSWORD);
    }

    /** Waits until a stand-in started as a child JVM accepts connections on its port. */
    static void awaitListening(ChildJvm process, String what, int port, Duration timeout, Path logFile) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited; see " + logFile);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException(what + " not listening on " + port + " within " + timeout);
    }
}
