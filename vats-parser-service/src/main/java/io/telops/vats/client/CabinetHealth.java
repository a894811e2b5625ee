package io.telops.vats.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The cabinet's health as this service last saw it, at {@code /q/health/group/cabinet} ({@link CabinetHealthCheck}), plus metrics:
 * {@code vats_cabinet_calls_seconds{service,outcome}}, {@code vats_cabinet_failures_total{kind}},
 * {@code vats_cabinet_logins_total}, {@code vats_cabinet_permutation_changes_total}. A failed login, an
 * unexpected layout, a {@code //EX} or a changed permutation turn it DOWN with the reason; only a
 * complete sync turns it UP again. It is a group of its own, not readiness: the REST API stays useful
 * (stored state, audit) while the cabinet is broken.
 */
@ApplicationScoped
public class CabinetHealth implements CabinetObserver {
    /** What is known about the cabinet. */
    public record Status(boolean up, String state, String detail, Instant since, String permutation) {
    }

    private final MeterRegistry registry;
    private final Counter logins;
    private final Counter permutationChanges;
    private final AtomicReference<Status> status =
            new AtomicReference<>(new Status(true, "unknown", "no cabinet call yet", Instant.now(), ""));

    CabinetHealth(MeterRegistry registry) {
        this.registry = registry;
        this.logins = registry.counter("vats.cabinet.logins");
        this.permutationChanges = registry.counter("vats.cabinet.permutation.changes");
        registry.gauge("vats.cabinet.up", status, s -> s.get().up() ? 1 : 0);
    }

    @Override
    public void loggedIn(CabinetSession session, boolean permutationChanged, String previousPermutation) {
        logins.increment();
        if (permutationChanged) {
            permutationChanges.increment();
            set(false, "permutation_changed", "MTS redeployed: permutation " + previousPermutation + " -> "
                    + session.permutation() + "; DOWN until a complete sync validates the layouts", session.permutation());
        } else if (status.get().state().equals("unknown") || status.get().state().equals("login_failed")) {
            set(true, "logged_in", "logged in, enterprise " + session.enterpriseId(), session.permutation());
        } else {
            status.updateAndGet(s -> new Status(s.up(), s.state(), s.detail(), s.since(), session.permutation()));
        }
    }

    @Override
    public void call(String servletPath, String outcome, Duration duration) {
        Timer.builder("vats.cabinet.calls").tag("service", servletPath).tag("outcome", outcome)
                .publishPercentiles(0.5, 0.95).register(registry).record(duration);
    }

    @Override
    public void failed(CabinetException failure) {
        registry.counter("vats.cabinet.failures", "kind", failure.kind()).increment();
        set(false, failure.kind(), failure.getMessage(), status.get().permutation());
    }

    /** A complete sync read every page with the declared layouts: the cabinet works. */
    public void syncCompleted(int trunks) {
        set(true, "synced", "complete sync of " + trunks + " trunks", status.get().permutation());
    }

    /** The sync refused the cabinet's answer as implausible. */
    public void syncRefused(String reason) {
        registry.counter("vats.cabinet.failures", "kind", "implausible_answer").increment();
        set(false, "implausible_answer", reason, status.get().permutation());
    }

    public Status status() {
        return status.get();
    }

    HealthCheckResponse check() {
        Status s = status.get();
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("MTS VATS cabinet").status(s.up())
                .withData("state", s.state()).withData("detail", s.detail()).withData("since", s.since().toString());
        if (!s.permutation().isEmpty()) {
            builder.withData("permutation", s.permutation());
        }
        return builder.build();
    }

    private void set(boolean up, String state, String detail, String permutation) {
        status.set(new Status(up, state, detail, Instant.now(), permutation));
    }
}
