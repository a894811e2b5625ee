package io.telops.deploy.compose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.telops.deploy.manifest.YamlDocuments;

/**
 * A docker-compose.yml read with SnakeYAML (merge keys resolved) into {@link ComposeService}s. Parsing is
 * strict about the shapes it reads and refuses service keys outside the Compose specification subset this
 * project uses, so a typo ("enviroment") fails here even where no docker-compose binary exists.
 */
public final class ComposeFile {
    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "hostname", "environment", "ports",
            "volumes", "healthcheck", "depends_on", "entrypoint", "command", "restart", "env_file", "networks",
            "deploy", "user", "read_only", "tmpfs", "cap_drop", "security_opt", "mem_limit", "cpus");

    private final Map<String, ComposeService> services;
    private final Map<String, Object> tree;

    private ComposeFile(Map<String, Object> tree, Map<String, ComposeService> services) {
        this.tree = tree;
        this.services = services;
    }

    public static ComposeFile read(Path file) {
        Map<String, Object> tree = YamlDocuments.loadOne(file);
        if (!(tree.get("services") instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException(file + ": no services mapping");
        }
        Map<String, ComposeService> services = new LinkedHashMap<>();
        raw.forEach((name, body) -> services.put(String.valueOf(name), service(String.valueOf(name), body)));
        return new ComposeFile(tree, services);
    }

    public Map<String, ComposeService> services() {
        return services;
    }

    public Optional<ComposeService> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public Map<String, Object> tree() {
        return tree;
    }

    private static ComposeService service(String name, Object body) {
        if (!(body instanceof Map<?, ?> s)) {
            throw new IllegalArgumentException("service " + name + " is not a mapping");
        }
        for (Object key : s.keySet()) {
            if (!SERVICE_KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("service " + name + ": unknown key '" + key + "'");
            }
        }
        Optional<String> context = Optional.empty();
        Optional<String> dockerfile = Optional.empty();
        if (s.get("build") instanceof Map<?, ?> build) {
            context = Optional.ofNullable(build.get("context")).map(String::valueOf);
            dockerfile = Optional.ofNullable(build.get("dockerfile")).map(String::valueOf);
        } else if (s.get("build") instanceof String build) {
            context = Optional.of(build);
        }
        return new ComposeService(name, Optional.ofNullable(s.get("image")).map(String::valueOf), context, dockerfile,
                environment(name, s.get("environment")), ports(name, s.get("ports")), healthcheck(s.get("healthcheck")),
                dependsOn(s.get("depends_on")));
    }

    private static Map<String, String> environment(String service, Object env) {
        Map<String, String> out = new LinkedHashMap<>();
        if (env instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (env instanceof List<?> l) {
            for (Object item : l) {
                String line = String.valueOf(item);
                int eq = line.indexOf('=');
                out.put(eq < 0 ? line : line.substring(0, eq), eq < 0 ? "" : line.substring(eq + 1));
            }
        } else if (env != null) {
            throw new IllegalArgumentException("service " + service + ": environment is neither a map nor a list");
        }
        return out;
    }

    private static List<ComposeService.PortMapping> ports(String service, Object ports) {
        List<ComposeService.PortMapping> out = new ArrayList<>();
        if (ports == null) {
            return out;
        }
        if (!(ports instanceof List<?> list)) {
            throw new IllegalArgumentException("service " + service + ": ports is not a list");
        }
        for (Object p : list) {
            if (p instanceof Map<?, ?> longForm) {
                out.add(new ComposeService.PortMapping(Integer.parseInt(String.valueOf(longForm.get("published"))),
                        Integer.parseInt(String.valueOf(longForm.get("target")))));
                continue;
            }
            String text = String.valueOf(p).replaceAll("/(tcp|udp)$", "");
            String[] parts = text.split(":");
            if (parts.length < 2) {
                throw new IllegalArgumentException("service " + service + ": port '" + p + "' publishes no host port");
            }
            out.add(new ComposeService.PortMapping(Integer.parseInt(parts[parts.length - 2]),
                    Integer.parseInt(parts[parts.length - 1])));
        }
        return out;
    }

    private static List<String> healthcheck(Object healthcheck) {
        if (healthcheck instanceof Map<?, ?> h) {
            Object test = h.get("test");
            if (test instanceof List<?> l) {
                return l.stream().map(String::valueOf).toList();
            }
            if (test != null) {
                return List.of("CMD-SHELL", String.valueOf(test));
            }
        }
        return List.of();
    }

    private static Map<String, String> dependsOn(Object dependsOn) {
        Map<String, String> out = new LinkedHashMap<>();
        if (dependsOn instanceof List<?> l) {
            l.forEach(d -> out.put(String.valueOf(d), "service_started"));
        } else if (dependsOn instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k),
                    v instanceof Map<?, ?> c && c.get("condition") != null ? String.valueOf(c.get("condition")) : "service_started"));
        }
        return out;
    }
}
