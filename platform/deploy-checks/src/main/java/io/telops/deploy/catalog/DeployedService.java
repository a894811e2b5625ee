package io.telops.deploy.catalog;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Telops service as every deployment must see it: its name (module, image, compose service, Deployment),
 * HTTP port, the FastAGI port where it has one, its store, the keys it enforces at start-up without a
 * @ConfigMapping saying so (e.g. provisioning's secret key, checked by its SecretCipherProducer outside a
 * local run), and the optional keys the deployments wire.
 */
public record DeployedService(String name, int httpPort, Optional<Integer> fastAgiPort, Store store,
        Set<String> enforcedKeys, Set<String> optionalKeys) {

    /** A service with no configuration beyond the common keys. */
    public DeployedService(String name, int httpPort, Optional<Integer> fastAgiPort, Store store) {
        this(name, httpPort, fastAgiPort, store, Set.of(), Set.of());
    }

    /** Ports a container must expose: HTTP first. */
    public List<Integer> ports() {
        return fastAgiPort.map(agi -> List.of(httpPort, agi)).orElse(List.of(httpPort));
    }

    /**
     * The environment variables every deployment of this service sets (the env form of the config keys
     * it reads: kafka.bootstrap.servers, quarkus.datasource.*, quarkus.mongodb.*, telops.security.users.admin.*).
     */
    public Set<String> requiredEnv() {
        Set<String> env = new TreeSet<>(Set.of("QUARKUS_HTTP_PORT", "KAFKA_BOOTSTRAP_SERVERS",
                "TELOPS_SECURITY_USERS_ADMIN_PASSWORD_HASH", "TELOPS_SECURITY_USERS_ADMIN_ROLES"));
        // a deployment that opens FastAGI says who may call it (the default admits loopback only)
        fastAgiPort.ifPresent(p -> env.addAll(Set.of("TELOPS_FASTAGI_PORT", "TELOPS_FASTAGI_ALLOWED_PEERS")));
        if (store instanceof Store.Postgres) {
            env.addAll(Set.of("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"));
        } else if (store instanceof Store.Mongo) {
            env.addAll(Set.of("QUARKUS_MONGODB_CONNECTION_STRING", "QUARKUS_MONGODB_DATABASE"));
        }
        enforcedKeys.forEach(k -> env.add(io.telops.deploy.config.RequiredConfig.envForm(k)));
        return env;
    }

    /**
     * Variables a deployment may also set, wired to an optional Secret or an operator's value: the env form
     * of keys the service reads as Optional (without them a feature reports "not configured").
     */
    public Set<String> optionalEnv() {
        Set<String> env = new TreeSet<>();
        optionalKeys.forEach(k -> env.add(io.telops.deploy.config.RequiredConfig.envForm(k)));
        return env;
    }
}
