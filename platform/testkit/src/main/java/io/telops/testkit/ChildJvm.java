package io.telops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A Java process started by the testkit, tied to this JVM's life through {@link ParentWatchingLauncher}. */
public final class ChildJvm {
    private final String name;
    private final Process process;

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    public static ChildJvm start(String name, String classpath, List<String> jvmOptions, String mainClass,
                                 List<String> args, Map<String, String> env, Path logFile) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath + java.io.File.pathSeparator + ownLocation());
        command.add(ParentWatchingLauncher.class.getName());
        command.add(mainClass);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        try {
            return new ChildJvm(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Runs a main class to completion, e.g. a tool; fails with the tail of its log on a non-zero exit. */
    public static void run(String name, String classpath, String mainClass, List<String> args, Path logFile,
                           Duration timeout) {
        ChildJvm child = start(name, classpath, List.of("-Xmx256m"), mainClass, args, Map.of(), logFile);
        try {
            if (!child.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                child.stop(Duration.ofSeconds(5));
                throw new IllegalStateException(name + " did not finish within " + timeout);
            }
            if (child.process.exitValue() != 0) {
                throw new IllegalStateException(name + " exited with " + child.process.exitValue() + "; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the process has ended (137: SIGKILL), empty while it runs. */
    public java.util.OptionalInt exitCode() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    /**
     * Ends the process fast: SIGTERM, then SIGKILL after the grace period. Closing the child's stdin makes its
     * {@link ParentWatchingLauncher} halt, so shutdown hooks may not run; {@link #terminate(Duration)} lets them.
     */
    public void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        awaitExit(grace);
    }

    /**
     * SIGTERM as a container runtime sends it, then SIGKILL after the grace period. Unlike {@link #stop(Duration)}
     * this keeps our end of the child's stdin open: {@code Process.destroy()} closes it, and the child's
     * {@link ParentWatchingLauncher} then halts at once, so no shutdown hook (a Kafka consumer leaving its group, a
     * pool closing) would run.
     */
    public void terminate(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.toHandle().destroy();
        awaitExit(grace);
    }

    /** After a SIGTERM: waits out the grace period, then SIGKILL (also when this thread is interrupted). */
    private void awaitExit(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: the process gets no chance to flush or say goodbye (a crashed pod, an OOM kill). */
    public void kill() {
        if (!process.isAlive()) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGSTOP: the process freezes with its sockets open, as behind a network stall; {@link #resume()} undoes it. */
    public void suspend() {
        Signals.send("STOP", process.pid());
    }

    /** SIGCONT after {@link #suspend()}. */
    public void resume() {
        Signals.send("CONT", process.pid());
    }

    private static String ownLocation() {
        try {
            return Path.of(ParentWatchingLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot locate the testkit classes", e);
        }
    }
}
