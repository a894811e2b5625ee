package io.telops.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points a @QuarkusTest at the shared MongoDB wire-protocol server. */
public class MongoTestResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.mongodb.connection-string", SharedInfrastructure.mongo().connectionString());
    }

    @Override
    public void stop() {
        // shared by every test of the JVM; stopped by a shutdown hook
    }
}
