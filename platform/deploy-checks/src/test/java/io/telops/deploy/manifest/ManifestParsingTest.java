package io.telops.deploy.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.telops.deploy.RepositoryFiles;
import io.telops.deploy.kustomize.KustomizeRenderer;

/** Every manifest under k8s/, and every rendered overlay, reads into typed objects with no unknown field. */
class ManifestParsingTest {
    private final KubernetesModel model = new KubernetesModel();

    static Stream<Path> manifestFiles() {
        return RepositoryFiles.yamlFiles(RepositoryFiles.k8s()).stream()
                .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"));
    }

    @ParameterizedTest
    @MethodSource("manifestFiles")
    void everyManifestFileIsTypedWithoutUnknownFields(Path file) {
        List<TypedManifest> manifests = model.readFile(file);
        assertThat(manifests).as(file.toString()).isNotEmpty();
        for (TypedManifest m : manifests) {
            assertThat(m.unknownFields()).as(m.describe()).isEmpty();
            assertThat(m.name()).as(m.describe()).isNotBlank();
        }
    }

    @Test
    void everyKustomizationIsTypedWithoutUnknownFields() {
        List<Path> dirs = RepositoryFiles.kustomizationDirs();
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(10);
        for (Path dir : dirs) {
            Map<String, Object> tree = YamlDocuments.loadOne(dir.resolve("kustomization.yaml"));
            assertThat(model.unknownKustomizationFields(tree)).as(dir.toString()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("io.telops.deploy.RepositoryFiles#overlays")
    void renderedOverlaysAreTypedObjectsOfTheExpectedClasses(Path overlay) {
        List<TypedManifest> manifests = new KustomizeRenderer().render(overlay).stream()
                .map(tree -> model.read(tree, overlay.getFileName().toString())).toList();
        manifests.forEach(m -> assertThat(m.unknownFields()).as(m.describe()).isEmpty());
        assertThat(manifests).filteredOn(m -> m.object() instanceof Deployment).hasSize(6);
        assertThat(manifests).filteredOn(m -> m.object() instanceof Service).hasSize(7);
        assertThat(manifests).filteredOn(m -> m.object() instanceof HorizontalPodAutoscaler).hasSize(4);
        assertThat(manifests).filteredOn(m -> m.object() instanceof PodDisruptionBudget).hasSize(4);
        assertThat(manifests).filteredOn(m -> m.object() instanceof GenericKubernetesResource)
                .allSatisfy(m -> assertThat(CustomResourceShapes.known(m.object().getApiVersion(), m.kind())).isTrue());
    }

    @Test
    void aMisspeltFieldIsReportedWithItsPath() {
        TypedManifest m = model.readFile(RepositoryFiles.fixture("policy/unknown-field.yaml")).get(0);
        assertThat(m.unknownFields()).containsExactly("spec.template.spec.containers[0].readinesProbe");

        List<TypedManifest> service = model.readFile(RepositoryFiles.fixture("manifest/nested-typo.yaml"));
        assertThat(service.get(0).unknownFields()).containsExactlyInAnyOrder("metadata.label", "spec.ports[0].targetport");
    }

    @Test
    void anUnknownKindIsNotAcceptedAsGeneric() {
        TypedManifest m = model.readFile(RepositoryFiles.fixture("manifest/unknown-kind.yaml")).get(0);
        assertThat(m.unknownFields()).singleElement().asString().contains("example.com/v1 Widget has no model");
    }

    @Test
    void aMisspeltCustomResourceFieldIsReported() {
        List<TypedManifest> m = model.readFile(RepositoryFiles.fixture("manifest/custom-resource-typo.yaml"));
        assertThat(m.get(0).unknownFields()).containsExactly("spec.replica");
        assertThat(m.get(1).unknownFields()).containsExactly("spec.instance");
    }

    @Test
    void aMisspeltKustomizationFieldIsReported() {
        Map<String, Object> tree = YamlDocuments.parse("resources: [a.yaml]\nnamePrefx: x-\n", "inline").get(0);
        assertThat(model.unknownKustomizationFields(tree)).containsExactly("namePrefx");
    }
}
