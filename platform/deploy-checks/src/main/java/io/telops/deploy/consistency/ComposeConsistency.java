package io.telops.deploy.consistency;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.telops.deploy.catalog.DeployedService;
import io.telops.deploy.catalog.Store;
import io.telops.deploy.compose.ComposeFile;
import io.telops.deploy.compose.ComposeService;
import io.telops.deploy.kustomize.ImageReference;

/**
 * What docker-compose.yml must say about each service of design.md: its image and Dockerfile, its ports
 * published on the same host port, its required environment keys and no keys it does not read, its store and Kafka, a readiness
 * health check, and start-up ordering on healthy infrastructure. Returns the problems found.
 */
public final class ComposeConsistency {
    public static final Set<String> INFRASTRUCTURE = Set.of("kafka", "kafka-topics", "postgres", "mongo");

    private ComposeConsistency() {
    }

    public static List<String> problems(ComposeFile compose, List<DeployedService> services, Path repositoryRoot) {
        List<String> problems = new ArrayList<>();
        Set<String> expected = new TreeSet<>(INFRASTRUCTURE);
        services.forEach(s -> expected.add(s.name()));
        Set<String> actual = new TreeSet<>(compose.services().keySet());
        if (!actual.equals(expected)) {
            problems.add("services are " + actual + ", expected " + expected);
        }
        for (DeployedService service : services) {
            Optional<ComposeService> found = compose.service(service.name());
            if (found.isEmpty()) {
                continue;
            }
            ComposeService c = found.get();
            String n = service.name();
            Set<String> lacking = new TreeSet<>(service.requiredEnv());
            lacking.removeAll(c.environment().keySet());
            if (!lacking.isEmpty()) {
                problems.add(n + ": environment lacks required " + lacking);
            }
            Set<String> unknown = new TreeSet<>(c.environment().keySet());
            unknown.removeAll(service.requiredEnv());
            unknown.removeAll(service.optionalEnv());
            if (!unknown.isEmpty()) {
                problems.add(n + ": environment keys " + unknown + " are neither required nor optional keys of the service");
            }
            expect(problems, n + ": QUARKUS_HTTP_PORT", c.environment().get("QUARKUS_HTTP_PORT"), String.valueOf(service.httpPort()));
            service.fastAgiPort().ifPresent(p ->
                    expect(problems, n + ": TELOPS_FASTAGI_PORT", c.environment().get("TELOPS_FASTAGI_PORT"), String.valueOf(p)));
            List<Integer> containerPorts = c.ports().stream().map(ComposeService.PortMapping::container).toList();
            if (!containerPorts.equals(service.ports())) {
                problems.add(n + ": publishes container ports " + containerPorts + ", expected " + service.ports());
            }
            c.ports().stream().filter(p -> p.host() != p.container())
                    .forEach(p -> problems.add(n + ": host port " + p.host() + " differs from container port " + p.container()));
            String health = String.join(" ", c.healthcheck());
            if (!health.contains("/dev/tcp/127.0.0.1/" + service.httpPort()) || !health.contains("GET /q/health/ready")
                    || !health.contains(" 200 ")) {
                problems.add(n + ": healthcheck does not ask /q/health/ready on " + service.httpPort() + ": " + health);
            }
            expect(problems, n + ": KAFKA_BOOTSTRAP_SERVERS", c.environment().get("KAFKA_BOOTSTRAP_SERVERS"), "kafka:19092");
            expect(problems, n + ": depends_on kafka-topics", c.dependsOn().get("kafka-topics"), "service_completed_successfully");
            if (service.store() instanceof Store.Postgres pg) {
                expect(problems, n + ": QUARKUS_DATASOURCE_JDBC_URL", c.environment().get("QUARKUS_DATASOURCE_JDBC_URL"),
                        "jdbc:postgresql://postgres:5432/" + pg.database());
                expect(problems, n + ": depends_on postgres", c.dependsOn().get("postgres"), "service_healthy");
            } else {
                expect(problems, n + ": QUARKUS_MONGODB_DATABASE", c.environment().get("QUARKUS_MONGODB_DATABASE"),
                        service.store().database());
                String mongo = c.environment().getOrDefault("QUARKUS_MONGODB_CONNECTION_STRING", "");
                if (!mongo.startsWith("mongodb://mongo:27017")) {
                    problems.add(n + ": QUARKUS_MONGODB_CONNECTION_STRING is '" + mongo + "', expected mongodb://mongo:27017");
                }
                expect(problems, n + ": depends_on mongo", c.dependsOn().get("mongo"), "service_healthy");
            }
            expect(problems, n + ": image", c.image().orElse(""), "telops/" + n + ":0.1.0");
            expect(problems, n + ": build context", c.buildContext().orElse(""), "./" + n);
            Path dockerfile = repositoryRoot.resolve(n).resolve(c.dockerfile().orElse("Dockerfile"));
            if (!Files.isRegularFile(dockerfile)) {
                problems.add(n + ": build dockerfile " + dockerfile + " does not exist");
            }
        }
        for (ComposeService s : compose.services().values()) {
            if (s.image().isEmpty() || !ImageReference.parse(s.image().get()).pinned()) {
                problems.add(s.name() + ": image " + s.image().orElse("<none>") + " is not pinned to a tag or digest");
            }
            if (!s.name().equals("kafka-topics") && s.healthcheck().isEmpty()) {
                problems.add(s.name() + ": no healthcheck");
            }
        }
        return problems;
    }

    private static void expect(List<String> problems, String what, String actual, String expected) {
        if (!expected.equals(actual)) {
            problems.add(what + " is '" + actual + "', expected '" + expected + "'");
        }
    }
}
