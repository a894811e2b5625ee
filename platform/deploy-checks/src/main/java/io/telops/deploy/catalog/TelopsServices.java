package io.telops.deploy.catalog;

import java.util.List;
import java.util.Optional;

/** The six services of /work/shared/design.md "The house" and "Ports on a developer machine". */
public final class TelopsServices {
    public static final int KAFKA_PORT = 9092;
    public static final int POSTGRES_PORT = 5432;
    public static final int MONGO_PORT = 27017;

    public static final List<DeployedService> ALL = List.of(
            new DeployedService("dashboard-service", 8080, Optional.empty(), new Store.Postgres("dashboard")),
            new DeployedService("event-ingest-service", 8081, Optional.empty(), new Store.Postgres("ingest")),
            new DeployedService("call-forward-service", 8082, Optional.empty(), new Store.Mongo("callforward")),
            new DeployedService("provisioning-service", 8083, Optional.empty(), new Store.Postgres("provisioning")),
            new DeployedService("billing-agi-service", 8084, Optional.of(4573), new Store.Postgres("billing")),
            new DeployedService("vats-parser-service", 8085, Optional.empty(), new Store.Postgres("vats")));

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
