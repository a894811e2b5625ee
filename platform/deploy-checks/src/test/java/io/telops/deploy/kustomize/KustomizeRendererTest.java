package io.telops.deploy.kustomize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.telops.deploy.RepositoryFiles;

/** The renderer on small fixtures, one kustomize feature each, with the results kustomize v5 documents. */
class KustomizeRendererTest {
    private final KustomizeRenderer renderer = new KustomizeRenderer();

    @Test
    void namespaceLabelsAnnotationsAndImages() {
        List<Map<String, Object>> out = renderer.render(RepositoryFiles.fixture("kustomize/namespace-labels-images/overlay"));
        Map<String, Object> deployment = find(out, "Deployment", "web");
        assertThat(at(deployment, "metadata.namespace")).isEqualTo("shop");
        assertThat(at(deployment, "metadata.labels")).isEqualTo(Map.of("app", "web", "team", "checkout", "tier", "front"));
        // commonLabels reach selectors, labels with includeTemplates only the pod template
        assertThat(at(deployment, "spec.selector.matchLabels")).isEqualTo(Map.of("app", "web", "team", "checkout"));
        assertThat(at(deployment, "spec.template.metadata.labels")).isEqualTo(Map.of("app", "web", "team", "checkout", "tier", "front"));
        assertThat(at(deployment, "spec.template.metadata.annotations")).isEqualTo(Map.of("owner", "ops@example.com"));
        assertThat(at(find(out, "Service", "web"), "spec.selector")).isEqualTo(Map.of("app", "web", "team", "checkout"));
        assertThat(at(find(out, "PodDisruptionBudget", "web"), "spec.selector.matchLabels"))
                .isEqualTo(Map.of("app", "web", "team", "checkout"));
        List<?> containers = (List<?>) at(deployment, "spec.template.spec.containers");
        assertThat(((Map<?, ?>) containers.get(0)).get("image")).isEqualTo("registry.example.com/web:2.0");
        assertThat(((Map<?, ?>) containers.get(1)).get("image"))
                .isEqualTo("registry.example.com/sidecar@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        Map<?, ?> init = (Map<?, ?>) ((List<?>) at(deployment, "spec.template.spec.initContainers")).get(0);
        assertThat(init.get("image"))
                .isEqualTo("example/init@sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210");
    }

    @Test
    void strategicMergePatchesMergeListsByKeyDeleteAndTarget() {
        List<Map<String, Object>> out = renderer.render(RepositoryFiles.fixture("kustomize/patches/overlay"));
        Map<String, Object> api = find(out, "Deployment", "api");
        assertThat(at(api, "spec.replicas")).isEqualTo(4);
        assertThat(at(api, "spec.revisionHistoryLimit")).isEqualTo(3);
        Map<?, ?> container = (Map<?, ?>) ((List<?>) at(api, "spec.template.spec.containers")).get(0);
        assertThat(container.get("env")).as("patch items first, then the others").isEqualTo(List.of(
                Map.of("name", "B", "value", "20"), Map.of("name", "C", "value", "3"), Map.of("name", "A", "value", "1")));
        assertThat(container.get("ports")).isEqualTo(List.of(Map.of("containerPort", 8080, "name", "http")));
        assertThat(container.get("resources")).isEqualTo(Map.of("requests", Map.of("cpu", "100m", "memory", "128Mi"),
                "limits", Map.of("memory", "256Mi")));
        assertThat((List<?>) at(api, "spec.template.spec.containers")).hasSize(2);
        assertThat(at(find(out, "Deployment", "worker"), "spec.revisionHistoryLimit")).isEqualTo(3);
        assertThat(at(find(out, "Service", "api"), "spec.type")).isEqualTo("NodePort");
        assertThat(out).noneMatch(o -> KustomizeRenderer.name(o).equals("legacy"));
        @SuppressWarnings("unchecked")
        Map<String, Object> pdb = (Map<String, Object>) find(out, "PodDisruptionBudget", "api").get("spec");
        assertThat(pdb).doesNotContainKey("minAvailable").containsEntry("maxUnavailable", 1);
        // a custom resource has no merge keys: its lists are replaced
        assertThat(at(find(out, "KafkaNodePool", "pool"), "spec.roles")).isEqualTo(List.of("broker"));
    }

    @Test
    void generatedConfigMapsMergeHashAndRenameTheirReferences() {
        List<Map<String, Object>> out = renderer.render(RepositoryFiles.fixture("kustomize/generator-merge/overlay"));
        Map<String, Object> config = out.stream().filter(o -> KustomizeRenderer.name(o).startsWith("app-config-")).findFirst().orElseThrow();
        assertThat(at(config, "data")).isEqualTo(Map.of("PORT", "8080", "GREETING", "hello & <welcome>",
                "URL", "jdbc:postgresql://db:5432/app?sslmode=require", "LEVEL", "DEBUG", "EXTRA", "yes",
                "settings.properties", "a=1\nb=2\n", "renamed.txt", "line one\nline two\n"));
        String name = KustomizeRenderer.name(config);
        assertThat(name).isEqualTo("app-config-" + ConfigMapNameHash.of(stringData(config)));
        assertThat(find(out, "ConfigMap", "static-config")).isNotNull();
        Map<String, Object> app = find(out, "Deployment", "app");
        Map<?, ?> container = (Map<?, ?>) ((List<?>) at(app, "spec.template.spec.containers")).get(0);
        assertThat(container.get("envFrom")).isEqualTo(List.of(Map.of("configMapRef", Map.of("name", name)),
                Map.of("configMapRef", Map.of("name", "static-config"))));
        assertThat(container.get("env").toString()).contains("name=" + name);
        assertThat(at(app, "spec.template.spec.volumes").toString()).contains("name=" + name);
    }

    @Test
    void hashSuffixMatchesTheOneKustomizeComputes() {
        // reference values printed by kubectl kustomize (kustomize v5.5.0) for these exact ConfigMaps
        assertThat(ConfigMapNameHash.of(Map.of("KAFKA_BOOTSTRAP_SERVERS", "telops-kafka-kafka-bootstrap:9092")))
                .isEqualTo("ftd57gf494");
        assertThat(ConfigMapNameHash.of(Map.of("K", "v"))).isEqualTo("276ch85d82");
        assertThat(ConfigMapNameHash.of(Map.of("K", "w"))).as("data decides the suffix").isNotEqualTo("276ch85d82");
        assertThat(ConfigMapNameHash.encode("0123456789abcdef")).as("0 1 3 become g h k").isEqualTo("gh2k456789");
        assertThat(ConfigMapNameHash.encode("ae00000000ff")).as("a e become m t").isEqualTo("mtgggggggg");
    }

    @Test
    void prefixAndSuffixRenameObjectsAndTheReferencesToThem() {
        List<Map<String, Object>> out = renderer.render(RepositoryFiles.fixture("kustomize/prefix/overlay"));
        Map<String, Object> app = find(out, "Deployment", "blue-app-v2");
        String env = at(app, "spec.template.spec.containers").toString();
        assertThat(env).contains("name=blue-credentials-v2").contains("name=not-ours").containsPattern("name=blue-settings-v2-[a-z0-9]{10}");
        assertThat(at(find(out, "HorizontalPodAutoscaler", "blue-app-v2"), "spec.scaleTargetRef.name")).isEqualTo("blue-app-v2");
    }

    @Test
    void aComponentAddsItsObjectsAndChangesWhatItsParentAccumulated() {
        List<Map<String, Object>> out = renderer.render(RepositoryFiles.fixture("kustomize/components/overlay"));
        // the parent's namespace and prefix reach the component's objects; the component's merge and patch reach the base's
        assertThat(at(find(out, "ServiceMonitor", "x-app"), "metadata.namespace")).isEqualTo("shop");
        Map<String, Object> config = out.stream().filter(o -> KustomizeRenderer.name(o).startsWith("x-app-config-"))
                .findFirst().orElseThrow();
        assertThat(at(config, "data")).isEqualTo(Map.of("PORT", "8080", "METRICS", "on"));
        assertThat(KustomizeRenderer.name(config)).isEqualTo("x-app-config-bdb6h9ccf4");
        Map<String, Object> app = find(out, "Deployment", "x-app");
        assertThat(at(app, "spec.template.metadata.annotations")).isEqualTo(Map.of("scrape", "true"));
        assertThat(at(app, "spec.template.spec.containers").toString()).contains("name=x-app-config-bdb6h9ccf4");
        assertThat(at(find(out, "ConfigMap", "x-dashboards"), "metadata.labels")).isEqualTo(Map.of("grafana_dashboard", "1"));
        assertThat(out).hasSize(4);
    }

    @Test
    void aKustomizationListedAsAComponentIsRefused(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> renderer.render(RepositoryFiles.fixture("kustomize/components/not-a-component")))
                .isInstanceOf(KustomizeException.class).hasMessageContaining("its kind is not Component");
        Path component = RepositoryFiles.fixture("kustomize/components/component");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [" + component + "]\n");
        assertThatThrownBy(() -> renderer.render(dir)).hasMessageContaining("list it under components");
    }

    @Test
    void refusesWhatItCannotRenderFaithfully(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nreplicas:\n  - name: x\n    count: 2\n");
        assertThatThrownBy(() -> renderer.render(dir)).isInstanceOf(KustomizeException.class).hasMessageContaining("'replicas'");

        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [../nowhere.yaml]\n");
        assertThatThrownBy(() -> renderer.render(dir)).hasMessageContaining("does not exist");

        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [cm.yaml]
                patches:
                  - patch: |-
                      apiVersion: v1
                      kind: ConfigMap
                      metadata:
                        name: b
                      data:
                        x: "1"
                """);
        assertThatThrownBy(() -> renderer.render(dir)).hasMessageContaining("matches no resource");

        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [cm.yaml]
                patches:
                  - target:
                      kind: ConfigMap
                    patch: |-
                      - op: add
                        path: /data
                        value: {}
                """);
        assertThatThrownBy(() -> renderer.render(dir)).hasMessageContaining("JSON 6902");

        Files.writeString(dir.resolve("kustomization.yaml"), """
                configMapGenerator:
                  - name: c
                    behavior: merge
                    literals: [A=1]
                """);
        assertThatThrownBy(() -> renderer.render(dir)).hasMessageContaining("no base generates it");
    }

    static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(KustomizeRenderer.name(o)))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + objects));
    }

    static Object at(Map<String, Object> tree, String path) {
        Object node = tree;
        for (String part : path.split("\\.")) {
            node = ((Map<?, ?>) node).get(part);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> stringData(Map<String, Object> configMap) {
        return (Map<String, String>) configMap.get("data");
    }
}
