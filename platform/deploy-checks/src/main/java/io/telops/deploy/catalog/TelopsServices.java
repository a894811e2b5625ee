package io.telops.deploy.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The six services of /work/shared/design.md "The house" and "Ports on a developer machine". */
public final class TelopsServices {
    public static final int KAFKA_PORT = 9092;
    public static final int POSTGRES_PORT = 5432;
    public static final int MONGO_PORT = 27017;

    public static final List<DeployedService> ALL = List.of(
            new DeployedService("dashboard-service", 8080, Optional.empty(), new Store.Postgres("dashboard")),
            // PushAccessCheck wants a token, Basic credentials or subnets; our deployments always give the token
            new DeployedService("event-ingest-service", 8081, Optional.empty(), new Store.Postgres("ingest"),
                    Set.of("telops.ingest.push.shared-secret"), Set.of("telops.ingest.push.basic-username",
                            "telops.ingest.push.basic-password", "telops.ingest.push.allowed-subnets")),
            new DeployedService("call-forward-service", 8082, Optional.empty(), new Store.Mongo("callforward"),
                    Set.of(), Set.of("telops.callforward.public-base-url", "telops.callforward.plivo.auth-id",
                            "telops.callforward.plivo.auth-token")),
            new DeployedService("provisioning-service", 8083, Optional.empty(), new Store.Postgres("provisioning"),
                    Set.of("telops.provisioning.secret-key"), Set.of("telops.provisioning.public-url")),
            new DeployedService("billing-agi-service", 8084, Optional.of(4573), new Store.Postgres("billing"),
                    Set.of(), Set.of("telops.fastagi.keys", "telops.billing.codes.secret")),
            new DeployedService("vats-parser-service", 8085, Optional.empty(), new Store.Postgres("vats"),
                    Set.of(), Set.of("telops.vats.base-url", "telops.vats.username", "telops.vats.password")));

    /** Stateless HTTP services: scaled by an HPA and protected by a PodDisruptionBudget. */
    public static final List<String> HORIZONTALLY_SCALED = List.of(
            "event-ingest-service", "call-forward-service", "provisioning-service", "billing-agi-service");

    private TelopsServices() {
    }

    public static List<String> postgresDatabases() {
        return ALL.stream().map(DeployedService::store).filter(s -> s instanceof Store.Postgres)
                .map(Store::database).toList();
    }
}
