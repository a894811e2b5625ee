package io.telops.deploy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.telops.deploy.RepositoryFiles;
import io.telops.deploy.kustomize.KustomizeRenderer;
import io.telops.deploy.manifest.KubernetesModel;
import io.telops.deploy.manifest.TypedManifest;

/** Every container of every rendered overlay meets the rules; each broken fixture fails exactly its rule. */
class ContainerPolicyTest {
    private final KubernetesModel model = new KubernetesModel();

    @ParameterizedTest
    @MethodSource("io.telops.deploy.RepositoryFiles#overlays")
    void everyContainerOfEveryOverlayMeetsEveryRule(Path overlay) {
        List<HasMetadata> objects = new KustomizeRenderer().render(overlay).stream()
                .map(tree -> model.read(tree, overlay.toString()).object()).toList();
        assertThat(objects.stream().filter(o -> o.getKind().equals("Deployment"))).hasSize(6);
        assertThat(ContainerPolicy.check(objects)).isEmpty();
    }

    @Test
    void theGoodFixtureMeetsEveryRule() {
        assertThat(ContainerPolicy.check(objects("good.yaml"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "no-readiness-probe.yaml, READINESS_PROBE",
            "wrong-probe-path.yaml, READINESS_PROBE",
            "no-liveness-probe.yaml, LIVENESS_PROBE",
            "no-limits.yaml, RESOURCES",
            "root-user.yaml, RUN_AS_NON_ROOT",
            "writable-root-filesystem.yaml, READ_ONLY_ROOT_FILESYSTEM",
            "privilege-escalation.yaml, NO_PRIVILEGE_ESCALATION",
            "latest-tag.yaml, PINNED_IMAGE",
            "untagged-image.yaml, PINNED_IMAGE",
            // the misspelt probe is unknown to the model, so the container has no readiness probe at all
            "unknown-field.yaml, READINESS_PROBE",
    })
    void eachBrokenFixtureBreaksExactlyItsRule(String fixture, Rule rule) {
        List<Violation> violations = ContainerPolicy.check(objects(fixture));
        assertThat(violations).as(fixture).extracting(Violation::rule).containsExactly(rule);
        assertThat(violations.get(0).where()).contains("container app");
    }

    private List<HasMetadata> objects(String fixture) {
        return model.readFile(RepositoryFiles.fixture("policy/" + fixture)).stream().map(TypedManifest::object).toList();
    }
}
