package io.telops.vats.tls;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;

/** {@code /q/health/group/cabinet}: "MTS VATS TLS handshake", DOWN with the reason and a hint when it failed. */
@HealthGroup("cabinet")
@ApplicationScoped
public class TlsHealthCheck implements HealthCheck {
    private final TlsHandshakeCheck check;

    TlsHealthCheck(TlsHandshakeCheck check) {
        this.check = check;
    }

    @Override
    public HealthCheckResponse call() {
        return check.health();
    }
}
