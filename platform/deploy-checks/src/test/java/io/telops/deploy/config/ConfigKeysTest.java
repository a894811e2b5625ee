package io.telops.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.telops.deploy.RepositoryFiles;
import io.telops.deploy.catalog.DeployedService;
import io.telops.deploy.catalog.TelopsServices;
import io.telops.deploy.compose.ComposeFile;
import io.telops.deploy.compose.ComposeSecretsTestValues;
import io.telops.deploy.compose.ComposeVariables;

/**
 * The environment variables the deployments set are the env form of keys the services really read: each
 * matches a key of the service's application.properties (MicroProfile Config's env rule: non-alphanumerics
 * to "_", upper case), and SmallRye Config, the library under Quarkus, resolves them, map keys included.
 */
class ConfigKeysTest {
    /**
     * Keys that design.md and the issue name, read through @ConfigMapping interfaces that need no line in
     * application.properties (the admin map is resolved by SmallRye Config below).
     */
    private static final Map<String, String> KEYS_FROM_DESIGN = Map.of(
            "TELOPS_FASTAGI_PORT", "telops.fastagi.port",
            "TELOPS_FASTAGI_ALLOWED_PEERS", "telops.fastagi.allowed-peers",
            "TELOPS_FASTAGI_KEYS", "telops.fastagi.keys",
            "TELOPS_SECURITY_USERS_ADMIN_PASSWORD_HASH", "telops.security.users.admin.password-hash",
            "TELOPS_SECURITY_USERS_ADMIN_ROLES", "telops.security.users.admin.roles");

    static java.util.List<DeployedService> services() {
        return TelopsServices.ALL;
    }

    @ParameterizedTest
    @MethodSource("services")
    void everyEnvironmentKeyIsTheEnvFormOfAKeyTheServiceReads(DeployedService service) throws IOException {
        Path module = RepositoryFiles.root().resolve(service.name());
        Set<String> propertyKeys = propertyKeys(module.resolve("src/main/resources/application.properties"));
        Path testProperties = module.resolve("src/test/resources/application.properties");
        if (Files.isRegularFile(testProperties)) {
            propertyKeys.addAll(propertyKeys(testProperties));
        }
        // keys of the service's @ConfigMapping interfaces need no line in application.properties
        MappingKeys.of(module.resolve("target/classes")).forEach(k -> propertyKeys.add(k.name()));
        Map<String, String> envToProperty = new HashMap<>();
        propertyKeys.forEach(k -> envToProperty.put(envForm(k), k));
        Set<String> unmatched = new TreeSet<>();
        Set<String> deployed = new TreeSet<>(service.requiredEnv());
        deployed.addAll(service.optionalEnv());
        for (String env : deployed) {
            if (!envToProperty.containsKey(env) && !KEYS_FROM_DESIGN.containsKey(env)) {
                unmatched.add(env);
            }
        }
        assertThat(unmatched).as("env keys of %s without a property", service.name()).isEmpty();
        assertThat(propertyKeys).as("the keys every skeleton declares").contains("quarkus.http.port", "kafka.bootstrap.servers");
        KEYS_FROM_DESIGN.forEach((env, key) -> assertThat(envForm(key)).isEqualTo(env));
    }

    @Test
    void theEnvRuleMapsQuotedAndDashedKeys() {
        assertThat(envForm("telops.security.users.admin.password-hash")).isEqualTo("TELOPS_SECURITY_USERS_ADMIN_PASSWORD_HASH");
        assertThat(envForm("quarkus.log.category.\"io.telops\".level")).isEqualTo("QUARKUS_LOG_CATEGORY__IO_TELOPS__LEVEL");
        assertThat(envForm("kafka.bootstrap.servers")).isNotEqualTo("KAFKA_BOOTSTRAP_SERVER");
    }

    @Test
    void smallRyeConfigResolvesTheComposeEnvironmentIncludingTheAdminUserMap() {
        Map<String, String> env = ComposeFile.read(RepositoryFiles.root().resolve("docker-compose.yml"))
                .service("billing-agi-service").orElseThrow().environment().entrySet().stream()
                // what the container sees once the operator exported the required secrets
                .collect(Collectors.toMap(Map.Entry::getKey,
                        e -> ComposeVariables.interpolate(e.getValue(), ComposeSecretsTestValues.everySecret())));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(env, 300))
                .withMapping(AdminUsersShape.class)
                .build();
        assertThat(config.getValue("kafka.bootstrap.servers", String.class)).isEqualTo("kafka:19092");
        assertThat(config.getValue("quarkus.datasource.jdbc.url", String.class)).isEqualTo("jdbc:postgresql://postgres:5432/billing");
        assertThat(config.getValue("telops.fastagi.port", Integer.class)).isEqualTo(4573);
        assertThat(config.getValue("telops.fastagi.allowed-peers", String.class)).isEqualTo("10.73.0.0/24");
        assertThat(config.getOptionalValue("telops.fastagi.keys", String.class)).isEmpty();
        AdminUsersShape users = config.getConfigMapping(AdminUsersShape.class);
        assertThat(users.users()).containsOnlyKeys("admin");
        assertThat(users.users().get("admin").passwordHash()).startsWith("$2a$10$").hasSize(60);
        assertThat(users.users().get("admin").roles()).containsExactlyInAnyOrder("admin", "operator");
    }

    /** The shape of each service's security.AdminUsers mapping (copied knowledge, not a shared class). */
    @ConfigMapping(prefix = "telops.security")
    public interface AdminUsersShape {
        Map<String, User> users();

        interface User {
            String passwordHash();

            Set<String> roles();
        }
    }

    private static Set<String> propertyKeys(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Set<String> keys = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            // "%test.telops.security..." is the same key in the test profile
            keys.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        return keys;
    }

    static String envForm(String key) {
        StringBuilder out = new StringBuilder();
        for (char c : key.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }
}
