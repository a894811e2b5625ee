package io.telops.callforward.fake;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the service's Plivo REST client at the shared {@link PlivoFake}. */
public class PlivoFakeResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.rest-client.plivo.url", PlivoFake.shared().baseUrl(),
                "telops.callforward.plivo.auth-id", PlivoFake.AUTH_ID,
                "telops.callforward.plivo.auth-token", PlivoFake.AUTH_TOKEN);
    }

    @Override
    public void stop() {
        // shared by the test JVM
    }
}
