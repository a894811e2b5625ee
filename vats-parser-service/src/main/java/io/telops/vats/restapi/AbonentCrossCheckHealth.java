package io.telops.vats.restapi;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.HealthGroup;

/** {@code /q/health/group/cabinet}: "MTS VATS REST API cross-check", DOWN on a mismatch or a refused token. */
@HealthGroup("cabinet")
@ApplicationScoped
public class AbonentCrossCheckHealth implements HealthCheck {
    private final AbonentCrossCheckService service;

    AbonentCrossCheckHealth(AbonentCrossCheckService service) {
        this.service = service;
    }

    @Override
    public HealthCheckResponse call() {
        return service.health();
    }
}
