package io.telops.deploy.kustomize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.telops.deploy.manifest.YamlDocuments;

/**
 * The subset of Kubernetes strategic merge patch that manifests use: maps merge key by key, a null value
 * deletes the key, lists of the built-in kinds merge on their patch merge key (containers, volumes, env by
 * name; volumeMounts by mountPath; container ports by containerPort; Service ports by port) and every other
 * list is replaced. A merged list holds the patch's items first, then the target's other items, as kustomize
 * v5 writes it. (kustomize also treats container ports specially when a patch adds a protocol; that case is
 * not reproduced: patch ports by replacing the container's port list.) Custom resources have no merge keys, so their lists are replaced (JSON merge patch), as
 * kustomize does for a kind without an OpenAPI schema. "$patch: delete" on the whole patch removes the object;
 * any other "$patch" or "$setElementOrder" directive is refused.
 */
final class StrategicMergePatch {
    private StrategicMergePatch() {
    }

    static boolean deletesObject(Map<String, Object> patch) {
        return "delete".equals(patch.get("$patch"));
    }

    static Map<String, Object> apply(Map<String, Object> target, Map<String, Object> patch, boolean builtInKind) {
        Map<String, Object> result = YamlDocuments.deepCopy(target);
        mergeMap(result, patch, builtInKind, "");
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void mergeMap(Map<String, Object> target, Map<String, Object> patch, boolean builtIn, String path) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.startsWith("$")) {
                throw new KustomizeException("unsupported strategic-merge directive " + key + " at " + path);
            }
            if (value == null) {
                target.remove(key);
                continue;
            }
            Object existing = target.get(key);
            if (value instanceof Map<?, ?> patchMap && existing instanceof Map<?, ?> targetMap) {
                mergeMap((Map<String, Object>) targetMap, (Map<String, Object>) patchMap, builtIn, path + "." + key);
            } else if (value instanceof List<?> patchList && existing instanceof List<?> targetList && builtIn) {
                target.put(key, mergeList(key, (List<Object>) targetList, (List<Object>) patchList, builtIn, path + "." + key));
            } else {
                target.put(key, YamlDocuments.deepCopy(value));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeList(String field, List<Object> target, List<Object> patch, boolean builtIn, String path) {
        Optional<String> mergeKey = mergeKey(field, patch);
        if (mergeKey.isEmpty()) {
            return YamlDocuments.deepCopy(patch);
        }
        String k = mergeKey.get();
        // kustomize (kyaml) order: the patch's items first, merged with their originals, then the untouched rest
        List<Object> remaining = YamlDocuments.deepCopy(target);
        List<Object> result = new ArrayList<>();
        for (Object item : patch) {
            if (!(item instanceof Map<?, ?> patchItem) || !patchItem.containsKey(k)) {
                throw new KustomizeException("list " + path + " merges on " + k + ", but a patch item has none");
            }
            Object id = patchItem.get(k);
            Map<String, Object> match = null;
            for (Object candidate : remaining) {
                if (candidate instanceof Map<?, ?> c && String.valueOf(id).equals(String.valueOf(c.get(k)))) {
                    match = (Map<String, Object>) c;
                    break;
                }
            }
            if (match == null) {
                result.add(YamlDocuments.deepCopy(new LinkedHashMap<>((Map<String, Object>) patchItem)));
            } else {
                remaining.remove(match);
                mergeMap(match, (Map<String, Object>) patchItem, builtIn, path + "[" + k + "=" + id + "]");
                result.add(match);
            }
        }
        result.addAll(remaining);
        return result;
    }

    /** The patchMergeKey of the Kubernetes API for the list fields manifests patch; empty: replace. */
    private static Optional<String> mergeKey(String field, List<Object> patch) {
        return switch (field) {
            case "containers", "initContainers", "ephemeralContainers", "volumes", "env", "imagePullSecrets" ->
                    Optional.of("name");
            case "volumeMounts" -> Optional.of("mountPath");
            case "ports" -> patch.stream().allMatch(i -> i instanceof Map<?, ?> m && m.containsKey("containerPort"))
                    ? Optional.of("containerPort") : Optional.of("port");
            default -> Optional.empty();
        };
    }

    static List<Object> listOf(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }
}
