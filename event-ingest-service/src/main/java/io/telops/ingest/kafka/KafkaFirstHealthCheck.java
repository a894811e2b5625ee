package io.telops.ingest.kafka;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.smallrye.health.api.Wellness;

/**
 * Whether pushes are made durable by the broker (UP) or go to the PostgreSQL outbox (DOWN), in the wellness group
 * ({@code /q/health/well}). Deliberately not a readiness check: during a broker outage this service keeps accepting
 * pushes through the outbox, so it must stay in its Service's endpoints exactly then. Readiness is PostgreSQL's.
 */
@Wellness
@ApplicationScoped
public class KafkaFirstHealthCheck implements HealthCheck {
    private final KafkaAcceptor acceptor;

    KafkaFirstHealthCheck(KafkaAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Kafka-first acceptance").status(acceptor.open())
                .withData("pushes", acceptor.open() ? "durable on the broker's acks" : "stored in the PostgreSQL outbox")
                .build();
    }
}
