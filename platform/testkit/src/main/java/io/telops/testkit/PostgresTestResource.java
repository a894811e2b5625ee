package io.telops.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a @QuarkusTest at its own database on the shared real PostgreSQL server. The database name comes
 * from the init arg {@code database} (default {@code telops}).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {
    private String database = "telops";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        return SharedInfrastructure.postgres().quarkusConfig(database);
    }

    @Override
    public void stop() {
        // shared by every test of the JVM; stopped by a shutdown hook
    }
}
