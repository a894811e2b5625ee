package io.telops.outbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.stream.Stream;

import org.postgresql.ds.PGSimpleDataSource;

import io.telops.outbox.OutboxSchema;
import io.telops.testkit.KafkaBroker;
import io.telops.testkit.LoopbackPorts;
import io.telops.testkit.PostgresServer;

/**
 * One real PostgreSQL (testkit's, restarted once with {@code wal_level=logical} so that logical decoding works)
 * and one real Kafka broker, shared by every pipeline of a run. testkit's {@link PostgresServer} has no way to pass
 * a server option, so the setting goes through {@code ALTER SYSTEM} (postgresql.auto.conf) and a restart on the same
 * data directory and port.
 */
final class BenchInfrastructure implements AutoCloseable {
    static final String DATABASE = "outbox_bench";

    private final Path dir;
    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final String jdbcUrl;
    private OptionalLong brokerPid = OptionalLong.empty();

    private BenchInfrastructure(Path dir, PostgresServer postgres, KafkaBroker kafka, String jdbcUrl) {
        this.dir = dir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.jdbcUrl = jdbcUrl;
    }

    static BenchInfrastructure start() throws IOException, SQLException {
        Path dir = Files.createTempDirectory("telops-outbox-bench");
        PostgresServer postgres = new PostgresServer(dir.resolve("pg"), LoopbackPorts.free()).start();
        try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("postgres"), PostgresServer.USER, PostgresServer.PASSWORD);
             Statement st = c.createStatement()) {
            st.execute("alter system set wal_level = 'logical'");
        }
        postgres.stop();
        postgres.start();
        String url = postgres.createDatabase(DATABASE);
        KafkaBroker kafka = new KafkaBroker(dir.resolve("kafka"), LoopbackPorts.free(), LoopbackPorts.free()).start();
        BenchInfrastructure infra = new BenchInfrastructure(dir, postgres, kafka, url);
        String walLevel = infra.queryString("show wal_level");
        if (!"logical".equals(walLevel)) {
            throw new IllegalStateException("PostgreSQL runs with wal_level=" + walLevel + ", logical decoding needs logical");
        }
        infra.createOutboxTable();
        return infra;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, PostgresServer.USER, PostgresServer.PASSWORD);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    int postgresPort() {
        return postgres.port();
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    Path dir() {
        return dir;
    }

    void createTopics(Collection<String> topics) {
        kafka.createTopics(topics, 3);
    }

    /** The postmaster's pid: its CPU and that of its children (backends, WAL writer, WAL senders) is PostgreSQL's. */
    long postmasterPid() {
        try {
            return Long.parseLong(Files.readAllLines(dir.resolve("pg").resolve("pgdata").resolve("postmaster.pid")).get(0).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The broker's child JVM, found by its configuration file on the command line. */
    synchronized OptionalLong brokerPid() {
        if (brokerPid.isEmpty()) {
            brokerPid = ProcessCpu.pidWithArgument(dir.resolve("kafka").resolve("server.properties").toString());
        }
        return brokerPid;
    }

    /** Empties the outbox between pipelines so that each starts from the same table. */
    void resetOutbox() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("truncate telops_outbox");
            st.execute("vacuum analyze telops_outbox");
        }
    }

    long queryLong(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    String queryString(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The table as a service gets it: platform/outbox's own migration. */
    private void createOutboxTable() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setUser(PostgresServer.USER);
        ds.setPassword(PostgresServer.PASSWORD);
        OutboxSchema.migrate(ds);
    }

    /** Stops both servers and deletes their data (a full run leaves about half a gigabyte). */
    @Override
    public void close() {
        try {
            kafka.stop();
        } finally {
            postgres.stop();
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + root + ": " + e);
        }
    }
}
