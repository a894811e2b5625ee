package io.telops.deploy.kustomize;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.telops.deploy.manifest.YamlDocuments;

/** The real kustomize, as "kubectl kustomize", where a kubectl with kustomize is on PATH. */
final class KubectlKustomize {
    private KubectlKustomize() {
    }

    static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (!dir.isEmpty() && Files.isExecutable(candidate) && run(candidate, "kustomize", "--help").isPresent()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static List<Map<String, Object>> render(Path kubectl, Path dir) {
        String yaml = run(kubectl, "kustomize", dir.toString())
                .orElseThrow(() -> new AssertionError("kubectl kustomize " + dir + " failed"));
        return YamlDocuments.parse(yaml, "kubectl kustomize " + dir);
    }

    private static Optional<String> run(Path kubectl, String... args) {
        try {
            List<String> command = new java.util.ArrayList<>(List.of(kubectl.toString()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 ? Optional.of(new String(out, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
