package io.telops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InfrastructureExtension.class)
class PostgresServerTest {

    @Test
    void sqlRoundTripInAServiceDatabase(PostgresServer postgres) throws Exception {
        String url = postgres.createDatabase("roundtrip");
        assertThat(postgres.createDatabase("roundtrip")).as("idempotent").isEqualTo(url);
        try (Connection c = DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS ledger (id BIGSERIAL PRIMARY KEY, amount BIGINT NOT NULL, note JSONB)");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ledger (amount, note) VALUES (?, ?::jsonb)")) {
                insert.setLong(1, -1250);
                insert.setString(2, "{\"reason\":\"call\"}");
                insert.executeUpdate();
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT sum(amount), max(note->>'reason'), current_setting('server_version_num')::int FROM ledger")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(-1250);
                assertThat(rs.getString(2)).isEqualTo("call");
                assertThat(rs.getInt(3)).as("PostgreSQL 17 or 18").isGreaterThanOrEqualTo(170000);
            }
        }
    }

    @Test
    void commitsAreDurableLikeOnAProductionServer(PostgresServer postgres) throws Exception {
        try (Connection c = DriverManager.getConnection(postgres.createDatabase("durability"), PostgresServer.USER, PostgresServer.PASSWORD);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('fsync'), current_setting('synchronous_commit'),"
                     + " current_setting('full_page_writes')")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).as("fsync").isEqualTo("on");
            assertThat(rs.getString(2)).as("synchronous_commit").isEqualTo("on");
            assertThat(rs.getString(3)).as("full_page_writes").isEqualTo("on");
        }
    }

    @Test
    void quarkusConfigPointsAtItsOwnDatabase(PostgresServer postgres) {
        assertThat(postgres.quarkusConfig("billing"))
                .containsEntry("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/billing")
                .containsKeys("quarkus.datasource.username", "quarkus.datasource.password");
    }

    @Test
    void rejectsUnsafeDatabaseNames(PostgresServer postgres) {
        assertThatThrownBy(() -> postgres.createDatabase("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
