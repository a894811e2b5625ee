package io.telops.deploy.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configuration keys a SmallRye @ConfigMapping interface declares, read from its Java source: the prefix,
 * each leaf method as a kebab-case key (nested interfaces become sub-prefixes, "extends" is followed), and
 * whether the key is required: no @WithDefault, not Optional, not a Map (map entries are the operator's choice).
 * A reader of the common shapes of this repository, not a Java parser.
 */
public final class MappingKeys {
    private static final Pattern PREFIX = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern INTERFACE = Pattern.compile("\\binterface\\s+(\\w+)(?:\\s+extends\\s+([\\w.]+))?");
    private static final Pattern METHOD = Pattern.compile("^\\s*([\\w.]+(?:<.*>)?)\\s+(\\w+)\\(\\)\\s*;");

    /** One key: its full name and whether the mapping demands a value. */
    public record Key(String name, boolean required) {
    }

    private record Method(String type, String name, boolean hasDefault) {
    }

    private MappingKeys() {
    }

    public static Optional<List<Key>> read(String source) {
        Matcher prefix = PREFIX.matcher(source);
        if (!prefix.find()) {
            return Optional.empty();
        }
        Map<String, List<Method>> methods = new LinkedHashMap<>();
        Map<String, String> parents = new HashMap<>();
        List<String> stack = new ArrayList<>();
        List<Integer> depths = new ArrayList<>();
        int depth = 0;
        boolean pendingDefault = false;
        String root = null;
        for (String line : source.substring(prefix.end()).split("\n")) {
            String trimmed = line.strip();
            Matcher type = INTERFACE.matcher(trimmed);
            if (type.find() && !trimmed.startsWith("*") && !trimmed.startsWith("//")) {
                stack.add(type.group(1));
                depths.add(depth);
                methods.putIfAbsent(type.group(1), new ArrayList<>());
                if (type.group(2) != null) {
                    parents.put(type.group(1), type.group(2));
                }
                if (root == null) {
                    root = type.group(1);
                }
            } else if (trimmed.startsWith("@WithDefault")) {
                pendingDefault = true;
            } else if (!stack.isEmpty() && depth == depths.get(depths.size() - 1) + 1) {
                Matcher m = METHOD.matcher(line);
                if (m.find() && !trimmed.startsWith("default ") && !trimmed.startsWith("static ")) {
                    methods.get(stack.get(stack.size() - 1)).add(new Method(m.group(1), m.group(2), pendingDefault));
                    pendingDefault = false;
                }
            }
            for (char c : line.toCharArray()) {
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (!depths.isEmpty() && depth == depths.get(depths.size() - 1)) {
                        stack.remove(stack.size() - 1);
                        depths.remove(depths.size() - 1);
                    }
                }
            }
        }
        List<Key> keys = new ArrayList<>();
        if (root != null) {
            collect(prefix.group(1), root, methods, parents, keys);
        }
        return Optional.of(keys);
    }

    private static void collect(String prefix, String type, Map<String, List<Method>> methods, Map<String, String> parents,
            List<Key> out) {
        for (String t = type; t != null; t = parents.get(t)) {
            for (Method m : methods.getOrDefault(t, List.of())) {
                String key = prefix + "." + kebab(m.name());
                String simple = m.type().replaceAll("<.*", "");
                if (methods.containsKey(simple)) {
                    collect(key, simple, methods, parents, out);
                } else {
                    boolean optional = simple.endsWith("Optional") || simple.endsWith("OptionalInt")
                            || simple.endsWith("OptionalLong") || simple.endsWith("Map");
                    out.add(new Key(key, !optional && !m.hasDefault()));
                }
            }
        }
    }

    static String kebab(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
