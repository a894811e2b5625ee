package io.telops.devstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.telops.testkit.ChildJvm;

/**
 * Plivo's cloud cannot be reached from a developer machine, so the local run starts the Plivo REST fake that
 * call-forward-service's tests use (from its compiled test classes) and points the service at it: renting,
 * unrenting, the application and the Message API answer from loopback. Plivo's side of a call is played by
 * the tests' call driver (see the call-forward-service README).
 */
final class PlivoStandIn {
    static final String AUTH_ID = "MADEVSTACK0000000000";
    private static final StandIn FAKE = new StandIn("Plivo fake", "call-forward-service",
            "io.telops.callforward.fake.PlivoFakeMain", List.of("-Xmx96m", "-XX:+UseSerialGC"));

    private PlivoStandIn() {
    }

    static ChildJvm start(Path root, int port, String authToken, Path logFile) {
        return FAKE.start(root, port, List.of("--port", String.valueOf(port), "--auth-id", AUTH_ID, "--auth-token", authToken),
                logFile);
    }

    /**
     * What call-forward-service needs: the fake's base URL and credentials (REST auth and the callbacks' signature
     * key), and its own public URL, which the Plivo application's answer URL and the signed URLs use.
     */
    static Map<String, String> serviceConfig(int fakePort, String authToken, String serviceUrl) {
        return Map.of("quarkus.rest-client.plivo.url", "http://127.0.0.1:" + fakePort,
                "telops.callforward.plivo.auth-id", AUTH_ID,
                "telops.callforward.plivo.auth-token", authToken,
                "telops.callforward.public-base-url", serviceUrl);
    }
}
