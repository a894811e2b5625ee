package io.telops.ingest.outbox;

import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

import io.telops.outbox.OutboxSchema;
import io.telops.testkit.PostgresServer;

/**
 * A new database on the test PostgreSQL with the service's Flyway migrations applied, then platform/outbox's (as the
 * relay does at start-up), for plain JUnit tests.
 */
final class MigratedDatabase {
    private MigratedDatabase() {
    }

    static PGSimpleDataSource create(PostgresServer postgres, String name) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(postgres.createDatabase(name));
        dataSource.setUser(PostgresServer.USER);
        dataSource.setPassword(PostgresServer.PASSWORD);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        OutboxSchema.migrate(dataSource);
        return dataSource;
    }
}
