package io.telops.vats.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;

/** {@code /q/health/group/cabinet}: UP or DOWN with the reason (state, detail, since, permutation). */
@HealthGroup("cabinet")
@ApplicationScoped
public class CabinetHealthCheck implements HealthCheck {
    private final CabinetHealth health;

    CabinetHealthCheck(CabinetHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        return health.check();
    }
}
