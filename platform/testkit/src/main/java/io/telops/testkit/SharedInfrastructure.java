package io.telops.testkit;

import io.telops.contracts.Topics;

/**
 * The infrastructure of one test JVM: each server starts on first use, on free loopback ports, and is
 * shared by every test of the module until the JVM exits.
 */
public final class SharedInfrastructure {
    private static KafkaBroker kafka;
    private static PostgresServer postgres;
    private static MongoWireServer mongo;

    private SharedInfrastructure() {
    }

    public static synchronized KafkaBroker kafka() {
        if (kafka == null) {
            KafkaBroker broker = KafkaBroker.onFreePorts().start();
            broker.createTopics(Topics.ALL, 3);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "telops-kafka-stop"));
            kafka = broker;
        }
        return kafka;
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            PostgresServer server = PostgresServer.onFreePort().start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "telops-postgres-stop"));
            postgres = server;
        }
        return postgres;
    }

    public static synchronized MongoWireServer mongo() {
        if (mongo == null) {
            MongoWireServer server = MongoWireServer.onFreePort().start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "telops-mongo-stop"));
            mongo = server;
        }
        return mongo;
    }
}
