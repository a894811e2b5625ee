package io.telops.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.telops.testkit.ChildJvm;

/**
 * Plivo's cloud cannot be reached from a developer machine, so the local run starts the Plivo REST fake that
 * call-forward-service's tests use (from its compiled test classes) and points the service at it: renting,
 * unrenting, the application and the Message API answer from loopback. Plivo's side of a call is played by
 * the tests' call driver (see the call-forward-service README).
 */
final class PlivoStandIn {
    static final String AUTH_ID = "MADEVSTACK0000000000";
    static final String AUTH_TOKEN = "devstack-plivo-token-0123456789";
    private static final String MODULE = "call-forward-service";

    private PlivoStandIn() {
    }

    static ChildJvm start(Path root, int port, Path logFile) {
        Path module = root.resolve(MODULE).resolve("target");
        Path testClasses = module.resolve("test-classes");
        if (!Files.isDirectory(testClasses)) {
            throw new IllegalStateException(testClasses + " is missing: build with ./mvnw install -DskipTests");
        }
        List<String> classpath = new ArrayList<>(List.of(testClasses.toString(), module.resolve("classes").toString()));
        // the fake speaks JSON with Jackson: the same jars the packaged service runs with
        classpath.addAll(jacksonJars(module.resolve("quarkus-app").resolve("lib").resolve("main")));
        ChildJvm fake = ChildJvm.start("plivo-fake", String.join(File.pathSeparator, classpath),
                List.of("-Xmx96m", "-XX:+UseSerialGC"), "io.telops.callforward.fake.PlivoFakeMain",
                List.of("--port", String.valueOf(port), "--auth-id", AUTH_ID, "--auth-token", AUTH_TOKEN), Map.of(), logFile);
        VatsCabinetSimulator.awaitListening(fake, "Plivo fake", port, Duration.ofSeconds(60), logFile);
        return fake;
    }

    /**
     * What call-forward-service needs: the fake's base URL and credentials (REST auth and the callbacks' signature
     * key), and its own public URL, which the Plivo application's answer URL and the signed URLs use.
     */
    static Map<String, String> serviceConfig(int fakePort, String serviceUrl) {
        return Map.of("quarkus.rest-client.plivo.url", "http://127.0.0.1:" + fakePort,
                "telops.callforward.plivo.auth-id", AUTH_ID,
                "telops.callforward.plivo.auth-token", AUTH_TOKEN,
                "telops.callforward.public-base-url", serviceUrl);
    }

    private static List<String> jacksonJars(Path lib) {
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: build with ./mvnw install -DskipTests");
        }
        try (Stream<Path> jars = Files.list(lib)) {
            List<String> found = jars.map(Path::toString)
                    .filter(p -> p.contains("com.fasterxml.jackson.core.jackson-")).sorted().toList();
            if (found.isEmpty()) {
                throw new IllegalStateException("no Jackson jars in " + lib);
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
