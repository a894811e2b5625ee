package io.telops.deploy.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.telops.deploy.RepositoryFiles;

/**
 * docker-compose.yml parses with SnakeYAML into the services we expect, and, where Debian's docker-compose is
 * on PATH, "docker-compose config" accepts it and rejects a broken file. Where it is absent the CLI half
 * prints that it did not run and asserts nothing: the pure-Java checks still ran, the CLI check did not.
 */
class ComposeFileTest {
    private static Optional<Path> cli;

    @BeforeAll
    static void findCli() {
        cli = ComposeCli.find();
        System.out.println(cli.map(c -> "docker-compose config check RUNS with " + c)
                .orElse("docker-compose config check DID NOT RUN: no docker-compose on PATH (apt-get install docker-compose)"));
    }

    @Test
    void theComposeFileParsesAndResolvesItsMergeKeys() {
        ComposeFile compose = ComposeFile.read(RepositoryFiles.root().resolve("docker-compose.yml"));
        ComposeService billing = compose.service("billing-agi-service").orElseThrow();
        // the admin user comes from the x-admin-user anchor through "<<:"; "$$" is compose's escaped "$"
        assertThat(billing.environment().get("TELOPS_SECURITY_USERS_ADMIN_PASSWORD_HASH")).startsWith("$$2a$$10$$");
        assertThat(billing.environment()).containsEntry("TELOPS_SECURITY_USERS_ADMIN_ROLES", "admin,operator");
        assertThat(billing.dependsOn()).containsEntry("postgres", "service_healthy");
    }

    @Test
    void aMisspeltServiceKeyIsRefusedWithoutTheCli() {
        assertThatThrownBy(() -> ComposeFile.read(RepositoryFiles.fixture("compose/invalid-schema.yml")))
                .hasMessageContaining("unknown key 'enviroment'");
    }

    @Test
    void dockerComposeConfigAcceptsTheComposeFile() {
        if (cli.isEmpty()) {
            System.out.println("docker-compose config of docker-compose.yml: NOT RUN");
            return;
        }
        ComposeCli.Result result = ComposeCli.config(cli.get(), RepositoryFiles.root().resolve("docker-compose.yml"));
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void dockerComposeConfigRejectsABrokenFile() {
        if (cli.isEmpty()) {
            System.out.println("docker-compose config of the broken fixture: NOT RUN");
            return;
        }
        ComposeCli.Result result = ComposeCli.config(cli.get(), RepositoryFiles.fixture("compose/invalid-schema.yml"));
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("enviroment").contains("ports");
    }
}
