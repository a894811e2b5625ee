package io.telops.deploy.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * YAML files as plain trees (maps, lists, scalars) with SnakeYAML's safe constructor: no custom tags, no
 * duplicate keys, merge keys ({@code <<}) resolved. Empty documents (a lone {@code ---}) are dropped.
 */
public final class YamlDocuments {
    private YamlDocuments() {
    }

    public static List<Map<String, Object>> load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public static List<Map<String, Object>> parse(String yaml, String origin) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml parser = new Yaml(new SafeConstructor(options));
        List<Map<String, Object>> documents = new ArrayList<>();
        int index = 0;
        for (Object document : parser.loadAll(yaml)) {
            index++;
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(origin + " document " + index + " is not a mapping");
            }
            documents.add(asStringMap(map, origin));
        }
        return documents;
    }

    /** The single document of a file that must hold exactly one (kustomization.yaml, docker-compose.yml). */
    public static Map<String, Object> loadOne(Path file) {
        List<Map<String, Object>> documents = load(file);
        if (documents.size() != 1) {
            throw new IllegalArgumentException(file + " must hold one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asStringMap(Map<?, ?> map, String origin) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (!(key instanceof String)) {
                throw new IllegalArgumentException(origin + ": key " + key + " is not a string");
            }
            copy.put((String) key, value);
        });
        return copy;
    }

    /** Deep copy of a tree, so transformations never share nodes between resources. */
    @SuppressWarnings("unchecked")
    public static <T> T deepCopy(T node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return node;
    }
}
