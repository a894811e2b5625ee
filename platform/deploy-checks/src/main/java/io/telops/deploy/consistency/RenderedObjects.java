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
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

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

    /** envFrom ConfigMaps that the rendering does not contain. */
    public List<String> missingConfigMaps(Container c) {
        return c.getEnvFrom().stream().filter(f -> f.getConfigMapRef() != null)
                .map(f -> f.getConfigMapRef().getName())
                .filter(n -> find(ConfigMap.class, n).isEmpty()).toList();
    }
}
