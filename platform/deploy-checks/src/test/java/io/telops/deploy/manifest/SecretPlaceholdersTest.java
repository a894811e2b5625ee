package io.telops.deploy.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.telops.deploy.RepositoryFiles;

/**
 * No Secret under k8s/ carries a value that could be used: every secret key is an empty placeholder (which the
 * services and operators refuse), so a cluster never runs on a credential published in this repository.
 */
class SecretPlaceholdersTest {
    /** Keys of our Secrets that hold no secret. */
    private static final Set<String> NOT_SECRET = Set.of("admin-roles", "username");

    @Test
    void everySecretUnderK8sHoldsOnlyEmptyPlaceholders() {
        List<String> filled = new ArrayList<>();
        int secrets = 0;
        for (Path file : RepositoryFiles.yamlFiles(RepositoryFiles.k8s())) {
            for (Map<String, Object> doc : YamlDocuments.load(file)) {
                if (!"Secret".equals(doc.get("kind"))) {
                    continue;
                }
                secrets++;
                for (String field : List.of("data", "stringData")) {
                    if (doc.get(field) instanceof Map<?, ?> values) {
                        values.forEach((k, v) -> {
                            if (!NOT_SECRET.contains(String.valueOf(k)) && v != null && !String.valueOf(v).isEmpty()) {
                                filled.add(file + ": " + ((Map<?, ?>) doc.get("metadata")).get("name") + " " + field + "." + k);
                            }
                        });
                    }
                }
            }
        }
        assertThat(secrets).as("the dev overlay's placeholder Secrets").isPositive();
        assertThat(filled).isEmpty();
    }
}
