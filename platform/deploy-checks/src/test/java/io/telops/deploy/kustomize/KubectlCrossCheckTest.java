package io.telops.deploy.kustomize;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.telops.deploy.RepositoryFiles;

/**
 * Where kubectl (with its built-in kustomize) is on PATH, our renderer must produce exactly the objects it
 * produces, for every kustomization of the repository and every renderer fixture. Where it is not, this
 * class says so on stdout and checks nothing: that is not a pass of the cross-check.
 */
class KubectlCrossCheckTest {
    private static Optional<Path> kubectl;

    @BeforeAll
    static void findKubectl() {
        kubectl = KubectlKustomize.find();
        System.out.println(kubectl.map(k -> "kubectl kustomize cross-check RUNS with " + k)
                .orElse("kubectl kustomize cross-check DID NOT RUN: no kubectl with kustomize on PATH"));
    }

    static Stream<Path> kustomizations() {
        return Stream.concat(RepositoryFiles.kustomizationDirs().stream(),
                Stream.of("namespace-labels-images", "patches", "generator-merge", "prefix", "components")
                        .map(f -> RepositoryFiles.fixture("kustomize/" + f + "/overlay")));
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void rendersWhatKubectlKustomizeRenders(Path dir) {
        if (kubectl.isEmpty()) {
            System.out.println("cross-check skipped for " + dir + " (no kubectl)");
            return;
        }
        List<Map<String, Object>> expected = KubectlKustomize.render(kubectl.get(), dir);
        List<Map<String, Object>> actual = new KustomizeRenderer().render(dir);
        assertThat(byIdentity(actual)).as("objects of %s", dir).isEqualTo(byIdentity(expected));
    }

    @Test
    void crossCheckFindsADifferenceWhenOneExists() {
        if (kubectl.isEmpty()) {
            return;
        }
        Path dir = RepositoryFiles.k8s().resolve("overlays/prod");
        List<Map<String, Object>> actual = new KustomizeRenderer().render(dir);
        actual.get(0).put("kind", "Tampered");
        assertThat(byIdentity(actual)).isNotEqualTo(byIdentity(KubectlKustomize.render(kubectl.get(), dir)));
    }

    private static Map<String, Map<String, Object>> byIdentity(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        for (Map<String, Object> o : objects) {
            out.put(o.get("apiVersion") + " " + KustomizeRenderer.kind(o) + " " + KustomizeRenderer.namespace(o) + "/"
                    + KustomizeRenderer.name(o), o);
        }
        return out;
    }
}
