package io.telops.devstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.telops.testkit.ChildJvm;
import io.telops.testkit.Pause;

/**
 * A stand-in for a cloud the local run cannot reach, started as a child JVM from the compiled test classes of the
 * service whose tests use it. Its classpath is those classes plus the Jackson jars the packaged service runs with
 * (the stand-ins speak JSON); it is ready once it accepts connections on its port.
 */
record StandIn(String name, String module, String mainClass, List<String> jvmArgs) {
    private static final Duration READY_WITHIN = Duration.ofSeconds(60);

    ChildJvm start(Path root, int port, List<String> args, Path logFile) {
        Path target = root.resolve(module).resolve("target");
        Path testClasses = target.resolve("test-classes");
        if (!Files.isDirectory(testClasses)) {
            throw new IllegalStateException(testClasses + " is missing: build with ./mvnw install -DskipTests");
        }
        List<String> classpath = new ArrayList<>(List.of(testClasses.toString(), target.resolve("classes").toString()));
        classpath.addAll(jacksonJars(target.resolve("quarkus-app").resolve("lib").resolve("main")));
        ChildJvm process = ChildJvm.start(name, String.join(File.pathSeparator, classpath), jvmArgs, mainClass, args,
                Map.of(), logFile);
        awaitListening(process, port, logFile);
        return process;
    }

    private void awaitListening(ChildJvm process, int port, Path logFile) {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see " + logFile);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Pause.millis(200);
            }
        }
        throw new IllegalStateException(name + " not listening on " + port + " within " + READY_WITHIN);
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
