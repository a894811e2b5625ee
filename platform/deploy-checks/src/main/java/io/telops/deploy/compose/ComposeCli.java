package io.telops.deploy.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's docker-compose (1.29) where it is installed: "docker-compose -f FILE config -q" validates the file
 * against the Compose schema and interpolation rules without a Docker engine.
 */
public final class ComposeCli {
    private ComposeCli() {
    }

    public record Result(int exitCode, String output) {
    }

    /** Empty when no docker-compose executable is on PATH. */
    public static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "docker-compose");
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The line a test prints, so its surefire output says whether the docker-compose half ran (see the README). */
    public static String availability(Optional<Path> cli) {
        return cli.map(c -> "docker-compose config check RUNS with " + c)
                .orElse("docker-compose config check DID NOT RUN: no docker-compose on PATH (apt-get install docker-compose)");
    }

    public static Result config(Path executable, Path composeFile) {
        return run(new ProcessBuilder(List.of(executable.toString(), "-f", composeFile.toString(),
                "--project-directory", composeFile.getParent().toString(), "config", "-q")));
    }

    /**
     * "docker-compose config" (the resolved file on stdout) with exactly the given variables besides PATH and HOME,
     * so nothing the build machine's shell happens to export can stand in for a missing one.
     */
    public static Result config(Path executable, Path composeFile, Map<String, String> variables) {
        ProcessBuilder builder = new ProcessBuilder(List.of(executable.toString(), "-f", composeFile.toString(),
                "--project-directory", composeFile.getParent().toString(), "config"));
        Map<String, String> env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/bin:/bin");
        String home = env.getOrDefault("HOME", "/tmp");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", home);
        env.putAll(variables);
        return run(builder);
    }

    private static Result run(ProcessBuilder builder) {
        try {
            Process process = builder.redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "docker-compose config timed out");
            }
            return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
