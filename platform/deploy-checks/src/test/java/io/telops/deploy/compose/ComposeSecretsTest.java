package io.telops.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.telops.deploy.RepositoryFiles;

/**
 * docker-compose.yml ships no secret: every secret comes from the shell as ${VAR:?...}, so "docker-compose config"
 * fails naming each one that is missing and succeeds once all are set; no session key is left.
 */
class ComposeSecretsTest {
    /** What the operator must export before "docker-compose up" (DEPLOYMENT.md, "Trying it with docker-compose"). */
    static final Set<String> REQUIRED = Set.of("TELOPS_SECURITY_USERS_ADMIN_PASSWORD_HASH",
            "TELOPS_PROVISIONING_SECRET_KEY", "TELOPS_POSTGRES_PASSWORD", "TELOPS_INGEST_PUSH_SHARED_SECRET",
            "TELOPS_CALLFORWARD_PLIVO_AUTH_TOKEN", "TELOPS_VATS_PASSWORD");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_KEY|TOKEN|HASH).*");
    private static final Pattern FROM_SHELL = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(:\\?[^}]+|:-)}");
    private static final Path COMPOSE = RepositoryFiles.root().resolve("docker-compose.yml");
    private static Optional<Path> cli;

    @BeforeAll
    static void findCli() {
        cli = ComposeCli.find();
        System.out.println(ComposeCli.availability(cli));
    }

    static Map<String, String> everySecret() {
        return ComposeSecretsTestValues.everySecret();
    }

    @Test
    void everySecretLikeValueComesFromTheShellWithNoDefault() {
        Set<String> requiredFromShell = new TreeSet<>();
        ComposeFile.read(COMPOSE).services().values().forEach(service -> service.environment().forEach((key, value) -> {
            assertThat(key).as(service.name()).doesNotContain("SESSION");
            if (!SECRET_NAME.matcher(key).matches()) {
                return;
            }
            Matcher m = FROM_SHELL.matcher(value);
            assertThat(m.matches()).as("%s: %s='%s' is neither ${VAR:?why} nor an optional ${VAR:-}", service.name(), key, value)
                    .isTrue();
            if (m.group(2).startsWith(":?")) {
                requiredFromShell.add(m.group(1));
            }
        }));
        assertThat(requiredFromShell).containsExactlyInAnyOrderElementsOf(REQUIRED);
    }

    @Test
    void withoutAnySecretComposeRefusesAndNamesOne() {
        if (cli.isEmpty()) {
            System.out.println("docker-compose config without secrets: NOT RUN");
            return;
        }
        ComposeCli.Result result = ComposeCli.config(cli.get(), COMPOSE, Map.of());
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(REQUIRED).anyMatch(variable -> result.output().contains(variable + " is required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TELOPS_SECURITY_USERS_ADMIN_PASSWORD_HASH", "TELOPS_PROVISIONING_SECRET_KEY", "TELOPS_POSTGRES_PASSWORD",
            "TELOPS_INGEST_PUSH_SHARED_SECRET", "TELOPS_CALLFORWARD_PLIVO_AUTH_TOKEN", "TELOPS_VATS_PASSWORD"})
    void composeRefusesWhenOneSecretIsMissingAndNamesIt(String missing) {
        if (cli.isEmpty()) {
            System.out.println("docker-compose config without " + missing + ": NOT RUN");
            return;
        }
        Map<String, String> env = everySecret();
        env.remove(missing);
        ComposeCli.Result result = ComposeCli.config(cli.get(), COMPOSE, env);
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains(missing + " is required");
        // an empty value is as good as none
        env.put(missing, "");
        assertThat(ComposeCli.config(cli.get(), COMPOSE, env).exitCode()).isNotZero();
    }

    @Test
    void withEverySecretSetComposeAcceptsTheFileAndPassesThemThrough() {
        if (cli.isEmpty()) {
            System.out.println("docker-compose config with every secret: NOT RUN");
            return;
        }
        ComposeCli.Result result = ComposeCli.config(cli.get(), COMPOSE, everySecret());
        assertThat(result.exitCode()).as(result.output()).isZero();
        // config prints "$" escaped as "$$": the hash reached the container unchanged
        assertThat(result.output()).contains("TELOPS_SECURITY_USERS_ADMIN_PASSWORD_HASH: $$2a$$10$$Ey2ttYj/")
                .contains("TELOPS_PROVISIONING_SECRET_KEY: q6hQ3VbWg1oGmF0m2xw8wJ7nH3uPq1Zr5s9yT2kLd0E=")
                .contains("QUARKUS_DATASOURCE_PASSWORD: a-test-password")
                .contains("TELOPS_INGEST_PUSH_SHARED_SECRET: a-test-push-token")
                .doesNotContain("SESSION");
    }

    @Test
    void billingAdmitsTheComposeNetworkOnItsFastAgiPort() throws Exception {
        ComposeService billing = ComposeFile.read(COMPOSE).service("billing-agi-service").orElseThrow();
        String peers = billing.environment().get("TELOPS_FASTAGI_ALLOWED_PEERS");
        assertThat(peers).isEqualTo("${TELOPS_FASTAGI_ALLOWED_PEERS:-10.73.0.0/24}");
        // the subnet the default network is pinned to, so the CIDR above is that network's
        assertThat(Files.readString(COMPOSE)).contains("networks:\n  default:\n    ipam:\n      config:\n        - subnet: 10.73.0.0/24\n");
    }
}
