package io.telops.deploy.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Reads manifests into the typed fabric8 Kubernetes model (7.x). Built-in kinds map to their model classes;
 * the custom resources of the operators we expect (Strimzi, CloudNativePG, MongoDB) map to the strict shapes
 * of {@link CustomResourceShapes}; any other kind is reported as unknown rather than accepted as generic.
 */
public final class KubernetesModel {
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    public List<TypedManifest> readFile(Path file) {
        List<TypedManifest> manifests = new ArrayList<>();
        List<Map<String, Object>> documents = YamlDocuments.load(file);
        for (int i = 0; i < documents.size(); i++) {
            manifests.add(read(documents.get(i), file + "#" + (i + 1)));
        }
        return manifests;
    }

    public TypedManifest read(Map<String, Object> tree, String origin) {
        Object apiVersion = tree.get("apiVersion");
        Object kind = tree.get("kind");
        if (!(apiVersion instanceof String) || !(kind instanceof String)) {
            throw new IllegalArgumentException(origin + ": apiVersion and kind are required");
        }
        KubernetesResource resource;
        try {
            resource = serialization.unmarshal(serialization.asJson(tree), KubernetesResource.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(origin + ": does not parse as " + apiVersion + " " + kind + ": "
                    + e.getMessage(), e);
        }
        if (resource instanceof GenericKubernetesResource generic) {
            List<String> unknown = CustomResourceShapes.unknownFields((String) apiVersion, (String) kind, tree);
            return new TypedManifest(origin, generic, unknown);
        }
        if (!(resource instanceof HasMetadata typed)) {
            throw new IllegalArgumentException(origin + ": " + kind + " is not an object with metadata");
        }
        return new TypedManifest(origin, typed, UnknownFieldFinder.find(typed));
    }

    /** A kustomization.yaml read with the fabric8 kustomize model; returns the fields it does not know. */
    public List<String> unknownKustomizationFields(Map<String, Object> tree) {
        Kustomization kustomization = serialization.convertValue(tree, Kustomization.class);
        return UnknownFieldFinder.find(kustomization);
    }

    public KubernetesSerialization serialization() {
        return serialization;
    }
}
