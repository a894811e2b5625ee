package io.telops.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths of the files under test: the repository root (from Maven) and this module's test fixtures. */
public final class RepositoryFiles {
    private RepositoryFiles() {
    }

    public static Path root() {
        String configured = System.getProperty("telops.repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("../..");
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("not the repository root (no docker-compose.yml): " + root);
        }
        return root;
    }

    public static Path k8s() {
        return root().resolve("k8s");
    }

    public static List<Path> overlays() {
        return List.of(k8s().resolve("overlays/dev"), k8s().resolve("overlays/prod"));
    }

    /** Every kustomization directory under k8s/, base and overlays and examples. */
    public static List<Path> kustomizationDirs() {
        return yamlFiles(k8s()).stream().filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                .map(Path::getParent).sorted().toList();
    }

    public static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path fixture(String relative) {
        try {
            return Path.of(RepositoryFiles.class.getResource("/fixtures/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + relative, e);
        }
    }
}
