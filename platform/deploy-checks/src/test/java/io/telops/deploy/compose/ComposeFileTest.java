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
        System.out.println(ComposeCli.availability(cli));
    }

    @Test
    void theComposeFileParsesAndResolvesItsMergeKeys() {
        ComposeFile compose = ComposeFile.read(RepositoryFiles.root().resolve("docker-compose.yml"));
        ComposeService billing = compose.service("billing-agi-service").orElseThrow();
        // the admin user comes from the x-admin-user anchor through "<<:", its hash from the shell
        assertThat(billing.environment().get("TELOPS_SECURITY_USERS_ADMIN_PASSWORD_HASH"))
                .startsWith("${TELOPS_SECURITY_USERS_ADMIN_PASSWORD_HASH:?");
        assertThat(billing.environment()).containsEntry("TELOPS_SECURITY_USERS_ADMIN_ROLES", "admin,operator");
        assertThat(billing.dependsOn()).containsEntry("postgres", "service_healthy");
    }

    @Test
    void theServiceHealthCheckPassesOnlyWhenReadinessAnswers200() throws Exception {
        ComposeService billing = ComposeFile.read(RepositoryFiles.root().resolve("docker-compose.yml"))
                .service("billing-agi-service").orElseThrow();
        assertThat(billing.healthcheck()).hasSize(4).startsWith("CMD", "bash", "-c");
        java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger(200);
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            int code = exchange.getRequestURI().getPath().equals("/q/health/ready") ? status.get() : 404;
            byte[] body = "{\"status\":\"UP\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            // the command as compose runs it inside the container, pointed at our stand-in on a free port
            String script = billing.healthcheck().get(3).replace("/dev/tcp/127.0.0.1/8084",
                    "/dev/tcp/127.0.0.1/" + server.getAddress().getPort());
            assertThat(runBash(script)).as("ready (200)").isZero();
            status.set(503);
            assertThat(runBash(script)).as("not ready (503)").isNotZero();
        } finally {
            server.stop(0);
        }
        assertThat(runBash(billing.healthcheck().get(3).replace("/dev/tcp/127.0.0.1/8084",
                "/dev/tcp/127.0.0.1/" + server.getAddress().getPort()))).as("nothing listening").isNotZero();
    }

    private static int runBash(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
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
        ComposeCli.Result result = ComposeCli.config(cli.get(), RepositoryFiles.root().resolve("docker-compose.yml"),
                ComposeSecretsTestValues.everySecret());
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
