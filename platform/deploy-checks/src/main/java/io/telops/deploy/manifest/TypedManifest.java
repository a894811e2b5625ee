package io.telops.deploy.manifest;

import java.util.List;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * One Kubernetes object as the typed fabric8 model read it, with where it came from and the fields the
 * model did not know (empty for a valid manifest).
 */
public record TypedManifest(String origin, HasMetadata object, List<String> unknownFields) {
    public TypedManifest {
        unknownFields = List.copyOf(unknownFields);
    }

    public String kind() {
        return object.getKind();
    }

    public String name() {
        return object.getMetadata() == null ? "" : object.getMetadata().getName();
    }

    public String describe() {
        return kind() + "/" + name() + " (" + origin + ")";
    }
}
