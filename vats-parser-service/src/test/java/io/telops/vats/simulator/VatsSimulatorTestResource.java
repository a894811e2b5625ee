package io.telops.vats.simulator;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts one cabinet simulator (1,000 trunks) for the test JVM and points the service at it. */
public class VatsSimulatorTestResource implements QuarkusTestResourceLifecycleManager {
    public static final String USER = "+7-9160000000";
    public static final String PASSWORD = "s3cret|pa'ss";
    private static VatsSimulator simulator;

    public static synchronized VatsSimulator simulator() {
        if (simulator == null) {
            simulator = VatsSimulator.start(USER, PASSWORD, 1000);
        }
        return simulator;
    }

    @Override
    public Map<String, String> start() {
        VatsSimulator sim = simulator();
        return Map.of("telops.vats.base-url", sim.baseUrl(), "telops.vats.username", USER, "telops.vats.password", PASSWORD,
                "telops.vats.rest-api.token", VatsSimulator.DEFAULT_API_TOKEN);
    }

    @Override
    public void stop() {
        // shared by the test JVM
    }
}
