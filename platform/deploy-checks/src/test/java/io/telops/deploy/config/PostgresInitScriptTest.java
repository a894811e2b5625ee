package io.telops.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.telops.deploy.RepositoryFiles;
import io.telops.deploy.catalog.TelopsServices;
import io.telops.testkit.PostgresServer;

/**
 * deploy/postgres/init-databases.sh, the compose init script, run against a real PostgreSQL (testkit) with the
 * psql client of the machine, the way the postgres image runs it: every service database exists afterwards,
 * owned by the application role, and a bad name is refused. Without psql on PATH it says it did not run.
 */
class PostgresInitScriptTest {
    private static PostgresServer postgres;
    private static Optional<Path> psql;

    @BeforeAll
    static void start() {
        psql = onPath("psql");
        System.out.println(psql.map(p -> "init-databases.sh check RUNS with " + p)
                .orElse("init-databases.sh check DID NOT RUN: no psql on PATH (apt-get install postgresql-client)"));
        if (psql.isPresent()) {
            postgres = PostgresServer.onFreePort().start();
        }
    }

    @AfterAll
    static void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void createsEveryServiceDatabaseOwnedByTheApplicationRole() throws Exception {
        if (psql.isEmpty()) {
            return;
        }
        String databases = String.join(" ", TelopsServices.postgresDatabases());
        Result result = run(databases);
        assertThat(result.exitCode()).as(result.output()).isZero();
        List<String> owned = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/postgres",
                PostgresServer.USER, PostgresServer.PASSWORD);
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT datname FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba WHERE r.rolname = 'postgres'")) {
            while (rs.next()) {
                owned.add(rs.getString(1));
            }
        }
        assertThat(owned).containsAll(TelopsServices.postgresDatabases());
        for (String db : TelopsServices.postgresDatabases()) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + db,
                    PostgresServer.USER, PostgresServer.PASSWORD)) {
                assertThat(c.isValid(2)).isTrue();
            }
        }
    }

    @Test
    void refusesADatabaseNameThatIsNotAPlainIdentifier() throws Exception {
        if (psql.isEmpty()) {
            return;
        }
        Result result = run("good_one bad;name");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("refusing database name 'bad;name'");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String databases) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", RepositoryFiles.root().resolve("deploy/postgres/init-databases.sh").toString())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("TELOPS_DATABASES", databases);
        env.put("POSTGRES_USER", PostgresServer.USER);
        env.put("PGHOST", "127.0.0.1");
        env.put("PGPORT", String.valueOf(postgres.port()));
        env.put("PGPASSWORD", PostgresServer.PASSWORD);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("init-databases.sh timed out");
        }
        return new Result(p.exitValue(), out);
    }

    private static Optional<Path> onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
