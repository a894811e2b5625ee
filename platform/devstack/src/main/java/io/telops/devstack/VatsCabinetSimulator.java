package io.telops.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.telops.testkit.ChildJvm;

/**
 * The MTS VATS cabinet cannot be reached from a developer machine, so the local run starts the simulator that
 * vats-parser-service's tests use (from its compiled test classes) and points the service at it.
 */
final class VatsCabinetSimulator {
    static final String USER = "demo";
    private static final StandIn SIMULATOR = new StandIn("VATS simulator", "vats-parser-service",
            "io.telops.vats.simulator.VatsSimulatorMain", List.of("-Xmx128m", "-XX:+UseSerialGC"));

    private VatsCabinetSimulator() {
    }

    static ChildJvm start(Path root, int port, String password, Path logFile) {
        return SIMULATOR.start(root, port,
                List.of("--port", String.valueOf(port), "--trunks", "200", "--user", USER, "--password", password), logFile);
    }

    /** What vats-parser-service needs to sign in to the simulator. */
    static Map<String, String> serviceConfig(int port, String password) {
        return Map.of("telops.vats.base-url", "http://127.0.0.1:" + port,
                "telops.vats.username", USER,
                "telops.vats.password", password);
    }
}
