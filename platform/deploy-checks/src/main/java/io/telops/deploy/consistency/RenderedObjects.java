package io.telops.deploy.consistency;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.telops.deploy.policy.ContainerPolicy;

/** The typed objects of one rendered kustomization, with the look-ups consistency checks need. */
public record RenderedObjects(String name, List<HasMetadata> objects) {

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String objectName) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(objectName)).findFirst();
    }

    /** The container named like its Deployment. */
    public Optional<Container> container(String deployment) {
        return find(Deployment.class, deployment).flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(deployment)).findFirst());
    }

    /** Environment variable names: env entries plus the keys of the ConfigMaps named in envFrom. */
    public Set<String> envNames(Container c) {
        Set<String> names = new TreeSet<>();
        c.getEnv().stream().map(EnvVar::getName).forEach(names::add);
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                find(ConfigMap.class, from.getConfigMapRef().getName()).map(ConfigMap::getData)
                        .ifPresent(data -> names.addAll(data.keySet()));
            }
        }
        return names;
    }

    /** The literal value of an environment variable, from env or from an envFrom ConfigMap. */
    public Optional<String> envValue(Container c, String variable) {
        for (EnvVar e : c.getEnv()) {
            if (e.getName().equals(variable) && e.getValue() != null) {
                return Optional.of(e.getValue());
            }
        }
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() == null) {
                continue;
            }
            Map<String, String> data = find(ConfigMap.class, from.getConfigMapRef().getName())
                    .map(ConfigMap::getData).orElse(Map.of());
            if (data.containsKey(variable)) {
                return Optional.of(data.get(variable));
            }
        }
        return Optional.empty();
    }

    /**
     * Names of the Secrets the rendering reads: from pod specs (env, envFrom, volumes) and from the operator
     * resources that name one (CloudNativePG initdb secret, MongoDB user password).
     */
    public Set<String> secretReferences() {
        Set<String> names = new TreeSet<>();
        for (HasMetadata o : objects) {
            ContainerPolicy.podSpec(o).ifPresent(spec -> {
                for (Container c : concat(spec.getContainers(), spec.getInitContainers())) {
                    c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                            .forEach(e -> names.add(e.getValueFrom().getSecretKeyRef().getName()));
                    c.getEnvFrom().stream().filter(f -> f.getSecretRef() != null).forEach(f -> names.add(f.getSecretRef().getName()));
                }
                spec.getVolumes().stream().filter(v -> v.getSecret() != null).forEach(v -> names.add(v.getSecret().getSecretName()));
            });
            if (o instanceof GenericKubernetesResource generic) {
                Object spec = generic.getAdditionalProperties().get("spec");
                if ("Cluster".equals(o.getKind())) {
                    at(spec, "bootstrap", "initdb", "secret", "name").ifPresent(names::add);
                }
                if ("MongoDBCommunity".equals(o.getKind()) && spec instanceof Map<?, ?> m && m.get("users") instanceof List<?> users) {
                    users.forEach(u -> at(u, "passwordSecretRef", "name").ifPresent(names::add));
                }
            }
        }
        return names;
    }

    /** Secrets read by the rendering that it does not contain. */
    public Set<String> missingSecrets() {
        Set<String> missing = new TreeSet<>(secretReferences());
        objects.stream().filter(o -> o instanceof Secret).map(o -> o.getMetadata().getName()).forEach(missing::remove);
        return missing;
    }

    private static List<Container> concat(List<Container> a, List<Container> b) {
        List<Container> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Optional<String> at(Object node, String... path) {
        Object current = node;
        for (String p : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return Optional.empty();
            }
            current = m.get(p);
        }
        return current instanceof String value ? Optional.of(value) : Optional.empty();
    }

    /** envFrom ConfigMaps that the rendering does not contain. */
    public List<String> missingConfigMaps(Container c) {
        return c.getEnvFrom().stream().filter(f -> f.getConfigMapRef() != null)
                .map(f -> f.getConfigMapRef().getName())
                .filter(n -> find(ConfigMap.class, n).isEmpty()).toList();
    }
}
