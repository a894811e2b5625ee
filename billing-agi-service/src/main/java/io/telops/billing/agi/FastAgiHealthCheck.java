package io.telops.billing.agi;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the FastAGI socket is bound. */
@Readiness
@ApplicationScoped
public class FastAgiHealthCheck implements HealthCheck {
    private final FastAgiServer server;

    FastAgiHealthCheck(FastAgiServer server) {
        this.server = server;
    }

    @Override
    public HealthCheckResponse call() {
        return server.listening()
                ? HealthCheckResponse.builder().name("FastAGI").up().withData("port", server.port())
                        .withData("sessions", server.activeSessions()).build()
                : HealthCheckResponse.builder().name("FastAGI").down().build();
    }
}
