package io.telops.deploy.kustomize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import io.telops.deploy.manifest.YamlDocuments;

/**
 * Renders a kustomization directory the way {@code kubectl kustomize} (kustomize v5) does, for the subset of
 * fields Telops uses, so the checks run where no kustomize binary exists. Supported: resources (files and
 * directories), configMapGenerator (literals, envs, files; create/merge/replace; name hash suffix) and
 * generatorOptions, patches and patchesStrategicMerge (strategic merge, by kind and name or by target
 * kind/name/namespace/group/version), components (kind Component), namespace, namePrefix/nameSuffix (with ConfigMap, Secret and HPA target
 * references), commonLabels, labels (includeSelectors, includeTemplates), commonAnnotations and images.
 * Transformers run in kustomize's order: patches, namespace, prefix/suffix, labels, annotations, images.
 * A component works on what its parent has accumulated so far, as in kustomize: its resources join the parent's,
 * and its generators and transformers apply to all of them, before the parent's own.
 * Any other field, a JSON 6902 patch or a patch that matches nothing fails with {@link KustomizeException}:
 * the renderer refuses rather than renders something kustomize would not.
 */
public final class KustomizeRenderer {
    private static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "resources", "namespace",
            "namePrefix", "nameSuffix", "commonLabels", "labels", "commonAnnotations", "images", "patches",
            "patchesStrategicMerge", "configMapGenerator", "generatorOptions", "components");
    private static final String COMPONENT = "Component";
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "RuntimeClass");
    private static final Set<String> POD_TEMPLATE_KINDS = Set.of("Deployment", "ReplicaSet", "StatefulSet",
            "DaemonSet", "Job");

    /** One object while rendering: its tree, the name it was declared with, and whether it wants a hash. */
    private static final class Resource {
        Map<String, Object> tree;
        final String originalName;
        final boolean generated;
        boolean hashed;

        Resource(Map<String, Object> tree, boolean generated, boolean hashed) {
            this.tree = tree;
            this.originalName = name(tree);
            this.generated = generated;
            this.hashed = hashed;
        }
    }

    /** The rendered objects of the kustomization in dir, ordered by kind then namespace and name. */
    public List<Map<String, Object>> render(Path dir) {
        List<Resource> resources = build(dir.toAbsolutePath().normalize(), new ArrayList<>(), new ArrayList<>(), null);
        Map<String, String> renames = new HashMap<>();
        for (Resource r : resources) {
            if (r.hashed) {
                String name = name(r.tree);
                String hashed = name + "-" + ConfigMapNameHash.of(r.tree.get("data") == null ? null : stringMap(r.tree.get("data")));
                metadata(r.tree).put("name", hashed);
                renames.put(refKey("ConfigMap", namespace(r.tree), name), hashed);
            }
        }
        resources.forEach(r -> updateReferences(r.tree, renames));
        List<Map<String, Object>> out = new ArrayList<>();
        resources.forEach(r -> out.add(r.tree));
        out.sort(Comparator.comparing((Map<String, Object> t) -> String.valueOf(t.get("kind")))
                .thenComparing(KustomizeRenderer::namespace).thenComparing(KustomizeRenderer::name));
        return out;
    }

    /**
     * Accumulates the kustomization in dir into resources and returns them. expectComponent: null for the root
     * (either kind), true for an entry of components, false for an entry of resources.
     */
    private List<Resource> build(Path dir, List<Path> stack, List<Resource> resources, Boolean expectComponent) {
        if (stack.contains(dir)) {
            throw new KustomizeException("kustomization cycle through " + dir);
        }
        stack.add(dir);
        Path file = kustomizationFile(dir);
        Map<String, Object> k = YamlDocuments.loadOne(file);
        for (String field : k.keySet()) {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new KustomizeException(file + ": field '" + field + "' is not supported by this renderer");
            }
        }
        boolean component = COMPONENT.equals(k.get("kind"));
        if (expectComponent != null && expectComponent != component) {
            throw new KustomizeException(file + (component ? ": a Component is listed as a resource; list it under components"
                    : ": listed under components but its kind is not Component"));
        }
        for (Object entry : list(k.get("resources"))) {
            Path path = dir.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(build(path, stack, new ArrayList<>(), false));
            } else if (Files.isRegularFile(path)) {
                for (Map<String, Object> doc : YamlDocuments.load(path)) {
                    resources.add(new Resource(doc, false, false));
                }
            } else {
                throw new KustomizeException(file + ": resource " + entry + " does not exist");
            }
        }
        for (Object entry : list(k.get("components"))) {
            Path path = dir.resolve(String.valueOf(entry)).normalize();
            if (!Files.isDirectory(path)) {
                throw new KustomizeException(file + ": component " + entry + " is not a directory");
            }
            build(path, stack, resources, true);
        }
        generateConfigMaps(dir, k, resources);
        applyPatches(dir, k, resources);
        if (k.get("namespace") instanceof String ns) {
            resources.stream().filter(r -> !CLUSTER_SCOPED.contains(kind(r.tree)))
                    .forEach(r -> metadata(r.tree).put("namespace", ns));
        }
        renameWithPrefixAndSuffix(k, resources);
        if (k.get("commonLabels") != null) {
            addLabels(resources, stringMap(k.get("commonLabels")), true, true);
        }
        for (Object label : list(k.get("labels"))) {
            Map<String, Object> spec = map(label);
            boolean selectors = Boolean.TRUE.equals(spec.get("includeSelectors"));
            boolean templates = selectors || Boolean.TRUE.equals(spec.get("includeTemplates"));
            for (String f : spec.keySet()) {
                if (!Set.of("pairs", "includeSelectors", "includeTemplates").contains(f)) {
                    throw new KustomizeException(file + ": labels." + f + " is not supported");
                }
            }
            addLabels(resources, stringMap(spec.get("pairs")), selectors, templates);
        }
        if (k.get("commonAnnotations") != null) {
            addAnnotations(resources, stringMap(k.get("commonAnnotations")));
        }
        for (Object image : list(k.get("images"))) {
            Map<String, Object> spec = map(image);
            resources.forEach(r -> replaceImages(r.tree, spec));
        }
        stack.remove(dir);
        return resources;
    }

    private static Path kustomizationFile(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new KustomizeException("no kustomization.yaml in " + dir);
    }

    // configMapGenerator

    private void generateConfigMaps(Path dir, Map<String, Object> k, List<Resource> resources) {
        Map<String, Object> options = map(k.getOrDefault("generatorOptions", Map.of()));
        for (Object g : list(k.get("configMapGenerator"))) {
            Map<String, Object> gen = map(g);
            for (String f : gen.keySet()) {
                if (!Set.of("name", "namespace", "behavior", "literals", "envs", "files", "options").contains(f)) {
                    throw new KustomizeException(dir + ": configMapGenerator." + f + " is not supported");
                }
            }
            String name = String.valueOf(gen.get("name"));
            Map<String, Object> data = new LinkedHashMap<>();
            for (Object literal : list(gen.get("literals"))) {
                String[] kv = keyValue(String.valueOf(literal), "literal");
                data.put(kv[0], unquote(kv[1]));
            }
            for (Object env : list(gen.get("envs"))) {
                for (String line : readLines(dir.resolve(String.valueOf(env)))) {
                    String trimmed = line.strip();
                    if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                        continue;
                    }
                    String[] kv = keyValue(trimmed, "env line");
                    data.put(kv[0], kv[1]);
                }
            }
            for (Object f : list(gen.get("files"))) {
                String spec = String.valueOf(f);
                int eq = spec.indexOf('=');
                String key = eq < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, eq);
                Path source = dir.resolve(eq < 0 ? spec : spec.substring(eq + 1));
                try {
                    data.put(key, Files.readString(source));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Map<String, Object> genOptions = new LinkedHashMap<>(options);
            genOptions.putAll(map(gen.getOrDefault("options", Map.of())));
            boolean hash = !Boolean.TRUE.equals(genOptions.get("disableNameSuffixHash"));
            String behavior = String.valueOf(gen.getOrDefault("behavior", "create"));
            switch (behavior) {
                case "create" -> {
                    if (findGenerated(resources, name) != null) {
                        throw new KustomizeException(dir + ": ConfigMap " + name + " is generated twice; use behavior: merge");
                    }
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("name", name);
                    if (gen.get("namespace") instanceof String ns) {
                        metadata.put("namespace", ns);
                    }
                    if (genOptions.get("labels") != null) {
                        metadata.put("labels", new LinkedHashMap<>(stringMap(genOptions.get("labels"))));
                    }
                    if (genOptions.get("annotations") != null) {
                        metadata.put("annotations", new LinkedHashMap<>(stringMap(genOptions.get("annotations"))));
                    }
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("apiVersion", "v1");
                    cm.put("kind", "ConfigMap");
                    cm.put("metadata", metadata);
                    cm.put("data", data);
                    resources.add(new Resource(cm, true, hash));
                }
                case "merge", "replace" -> {
                    Resource existing = findGenerated(resources, name);
                    if (existing == null) {
                        throw new KustomizeException(dir + ": behavior " + behavior + " for ConfigMap " + name
                                + " but no base generates it");
                    }
                    Map<String, Object> merged = behavior.equals("merge")
                            ? new LinkedHashMap<>(map(existing.tree.getOrDefault("data", Map.of()))) : new LinkedHashMap<>();
                    merged.putAll(data);
                    existing.tree.put("data", merged);
                    existing.hashed = existing.hashed && hash;
                }
                default -> throw new KustomizeException(dir + ": unknown generator behavior " + behavior);
            }
        }
    }

    private static Resource findGenerated(List<Resource> resources, String name) {
        return resources.stream().filter(r -> r.generated && r.originalName.equals(name)).findFirst().orElse(null);
    }

    private static String[] keyValue(String text, String what) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new KustomizeException(what + " '" + text + "' is not KEY=VALUE");
        }
        return new String[] {text.substring(0, eq), text.substring(eq + 1)};
    }

    /** kustomize drops one pair of matching quotes around a literal's value. */
    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    // patches

    private void applyPatches(Path dir, Map<String, Object> k, List<Resource> resources) {
        List<Map<String, Object>> patches = new ArrayList<>();
        for (Object p : list(k.get("patchesStrategicMerge"))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put(String.valueOf(p).contains("\n") ? "patch" : "path", p);
            patches.add(entry);
        }
        for (Object p : list(k.get("patches"))) {
            patches.add(map(p));
        }
        for (Map<String, Object> entry : patches) {
            for (String f : entry.keySet()) {
                if (!Set.of("path", "patch", "target").contains(f)) {
                    throw new KustomizeException(dir + ": patches." + f + " is not supported");
                }
            }
            String text;
            String origin;
            if (entry.get("path") != null) {
                Path path = dir.resolve(String.valueOf(entry.get("path")));
                text = String.join("\n", readLines(path));
                origin = path.toString();
            } else {
                text = String.valueOf(entry.get("patch"));
                origin = dir + " inline patch";
            }
            if (text.stripLeading().startsWith("-") || text.stripLeading().startsWith("[")) {
                throw new KustomizeException(origin + ": JSON 6902 patches are not supported");
            }
            Map<String, Object> target = entry.get("target") == null ? null : map(entry.get("target"));
            for (Map<String, Object> patch : YamlDocuments.parse(text, origin)) {
                List<Resource> matches = resources.stream()
                        .filter(r -> target == null ? matchesByIdentity(r, patch) : matchesTarget(r, target))
                        .toList();
                if (matches.isEmpty()) {
                    throw new KustomizeException(origin + ": patch for " + patch.get("kind") + "/" + name(patch)
                            + " matches no resource");
                }
                for (Resource r : matches) {
                    if (StrategicMergePatch.deletesObject(patch)) {
                        resources.remove(r);
                        continue;
                    }
                    Map<String, Object> body = new LinkedHashMap<>(patch);
                    if (target != null) {
                        // with a target the patch's own name is a placeholder: keep the target's identity
                        Map<String, Object> meta = new LinkedHashMap<>(map(body.getOrDefault("metadata", Map.of())));
                        meta.remove("name");
                        meta.remove("namespace");
                        body.put("metadata", meta);
                    }
                    body.remove("apiVersion");
                    body.remove("kind");
                    r.tree = StrategicMergePatch.apply(r.tree, body, builtInKind(r.tree));
                }
            }
        }
    }

    private static boolean matchesByIdentity(Resource r, Map<String, Object> patch) {
        if (!Objects.equals(kind(r.tree), patch.get("kind"))) {
            return false;
        }
        String patchName = name(patch);
        String patchNs = namespace(patch);
        boolean nameMatches = patchName.equals(name(r.tree)) || patchName.equals(r.originalName);
        return nameMatches && (patchNs.isEmpty() || patchNs.equals(namespace(r.tree)));
    }

    private static boolean matchesTarget(Resource r, Map<String, Object> target) {
        for (String f : target.keySet()) {
            if (!Set.of("kind", "name", "namespace", "group", "version").contains(f)) {
                throw new KustomizeException("patch target field " + f + " is not supported");
            }
        }
        String[] gv = groupVersion(r.tree);
        return matches(target.get("kind"), kind(r.tree)) && matches(target.get("name"), name(r.tree))
                && matches(target.get("namespace"), namespace(r.tree)) && matches(target.get("group"), gv[0])
                && matches(target.get("version"), gv[1]);
    }

    /** kustomize target fields are anchored regular expressions; absent means any. */
    private static boolean matches(Object pattern, String value) {
        return pattern == null || Pattern.matches(String.valueOf(pattern), value);
    }

    private static String[] groupVersion(Map<String, Object> tree) {
        String apiVersion = String.valueOf(tree.getOrDefault("apiVersion", ""));
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? new String[] {"", apiVersion}
                : new String[] {apiVersion.substring(0, slash), apiVersion.substring(slash + 1)};
    }

    /** Kinds of the Kubernetes API itself: core, or an API group without a dot, or under k8s.io. */
    private static boolean builtInKind(Map<String, Object> tree) {
        String group = groupVersion(tree)[0];
        return group.isEmpty() || !group.contains(".") || group.endsWith(".k8s.io");
    }

    // names

    private void renameWithPrefixAndSuffix(Map<String, Object> k, List<Resource> resources) {
        String prefix = k.get("namePrefix") == null ? "" : String.valueOf(k.get("namePrefix"));
        String suffix = k.get("nameSuffix") == null ? "" : String.valueOf(k.get("nameSuffix"));
        if (prefix.isEmpty() && suffix.isEmpty()) {
            return;
        }
        Map<String, String> renames = new HashMap<>();
        for (Resource r : resources) {
            if (Set.of("Namespace", "CustomResourceDefinition").contains(kind(r.tree))) {
                continue;
            }
            String old = name(r.tree);
            String renamed = prefix + old + suffix;
            metadata(r.tree).put("name", renamed);
            renames.put(refKey(kind(r.tree), namespace(r.tree), old), renamed);
        }
        resources.forEach(r -> updateReferences(r.tree, renames));
    }

    private static String refKey(String kind, String namespace, String name) {
        return kind + "|" + namespace + "|" + name;
    }

    /** Points ConfigMap/Secret references of pod specs and HPA targets at renamed objects. */
    @SuppressWarnings("unchecked")
    private static void updateReferences(Map<String, Object> tree, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return;
        }
        String ns = namespace(tree);
        if ("HorizontalPodAutoscaler".equals(kind(tree)) && tree.get("spec") instanceof Map<?, ?> spec
                && spec.get("scaleTargetRef") instanceof Map<?, ?> ref) {
            String renamed = renames.get(refKey(String.valueOf(ref.get("kind")), ns, String.valueOf(ref.get("name"))));
            if (renamed != null) {
                ((Map<String, Object>) ref).put("name", renamed);
            }
        }
        if (builtInKind(tree)) {
            // custom resources name Secrets in fields kustomize does not know; it leaves them alone, so do we
            walkReferences(tree, null, ns, renames);
        }
    }

    @SuppressWarnings("unchecked")
    private static void walkReferences(Object node, String parentKey, String ns, Map<String, String> renames) {
        if (node instanceof List<?> list) {
            list.forEach(item -> walkReferences(item, parentKey, ns, renames));
            return;
        }
        if (!(node instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        if (parentKey != null) {
            String kind = switch (parentKey) {
                case "configMapRef", "configMapKeyRef", "configMap" -> "ConfigMap";
                case "secretRef", "secretKeyRef", "secret" -> "Secret";
                default -> null;
            };
            if (kind != null) {
                String field = "secret".equals(parentKey) && map.containsKey("secretName") ? "secretName" : "name";
                if (map.get(field) instanceof String current) {
                    String renamed = renames.get(refKey(kind, ns, current));
                    if (renamed != null) {
                        map.put(field, renamed);
                    }
                }
            }
        }
        if ("metadata".equals(parentKey)) {
            return;
        }
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (!"metadata".equals(e.getKey()) || parentKey != null) {
                walkReferences(e.getValue(), e.getKey(), ns, renames);
            }
        }
    }

    // labels, annotations

    @SuppressWarnings("unchecked")
    private static void addLabels(List<Resource> resources, Map<String, String> labels, boolean selectors, boolean templates) {
        for (Resource r : resources) {
            Map<String, Object> tree = r.tree;
            child(metadata(tree), "labels").putAll(labels);
            String kind = kind(tree);
            Map<String, Object> spec = tree.get("spec") instanceof Map<?, ?> s ? (Map<String, Object>) s : null;
            if (spec == null) {
                continue;
            }
            if (templates && POD_TEMPLATE_KINDS.contains(kind)) {
                child(child(child(spec, "template"), "metadata"), "labels").putAll(labels);
            }
            if (templates && "CronJob".equals(kind)) {
                Map<String, Object> jobTemplate = child(spec, "jobTemplate");
                child(child(jobTemplate, "metadata"), "labels").putAll(labels);
                child(child(child(child(jobTemplate, "spec"), "template"), "metadata"), "labels").putAll(labels);
            }
            if (selectors) {
                if ("Service".equals(kind)) {
                    child(spec, "selector").putAll(labels);
                } else if (POD_TEMPLATE_KINDS.contains(kind) && !"Job".equals(kind)) {
                    child(child(spec, "selector"), "matchLabels").putAll(labels);
                } else if ("PodDisruptionBudget".equals(kind) && spec.get("selector") instanceof Map<?, ?> sel) {
                    child((Map<String, Object>) sel, "matchLabels").putAll(labels);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void addAnnotations(List<Resource> resources, Map<String, String> annotations) {
        for (Resource r : resources) {
            child(metadata(r.tree), "annotations").putAll(annotations);
            if (POD_TEMPLATE_KINDS.contains(kind(r.tree)) && r.tree.get("spec") instanceof Map<?, ?> spec) {
                child(child(child((Map<String, Object>) spec, "template"), "metadata"), "annotations").putAll(annotations);
            }
        }
    }

    // images

    @SuppressWarnings("unchecked")
    private static void replaceImages(Object node, Map<String, Object> spec) {
        if (node instanceof List<?> list) {
            list.forEach(item -> replaceImages(item, spec));
            return;
        }
        if (!(node instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (("containers".equals(e.getKey()) || "initContainers".equals(e.getKey())) && e.getValue() instanceof List<?> containers) {
                for (Object c : containers) {
                    if (c instanceof Map<?, ?> container && container.get("image") instanceof String image) {
                        ((Map<String, Object>) container).put("image", ImageReference.parse(image).apply(spec));
                    }
                }
            } else {
                replaceImages(e.getValue(), spec);
            }
        }
    }

    // tree helpers

    static String kind(Map<String, Object> tree) {
        return String.valueOf(tree.get("kind"));
    }

    static String name(Map<String, Object> tree) {
        return tree.get("metadata") instanceof Map<?, ?> m && m.get("name") != null ? String.valueOf(m.get("name")) : "";
    }

    static String namespace(Map<String, Object> tree) {
        return tree.get("metadata") instanceof Map<?, ?> m && m.get("namespace") != null
                ? String.valueOf(m.get("namespace")) : "";
    }

    private static Map<String, Object> metadata(Map<String, Object> tree) {
        return child(tree, "metadata");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> parent, String key) {
        Object existing = parent.get(key);
        if (existing instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> created = new LinkedHashMap<>();
        parent.put(key, created);
        return created;
    }

    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new KustomizeException("expected a list, found " + value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new KustomizeException("expected a mapping, found " + value);
    }

    private static Map<String, String> stringMap(Object value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value != null) {
            map(value).forEach((k, v) -> out.put(k, String.valueOf(v)));
        }
        return out;
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new KustomizeException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
