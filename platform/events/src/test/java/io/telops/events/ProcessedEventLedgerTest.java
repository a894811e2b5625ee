package io.telops.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.PostgresServer;

/** The ce_id ledger on the testkit's real PostgreSQL: new ids come back once, and a rollback releases them. */
@ExtendWith(InfrastructureExtension.class)
class ProcessedEventLedgerTest {
    private static final String TOPIC = "telops.phone-events";
    private static final String TYPE = "io.telops.phone.on-hook.v1";
    private static final ProcessedEventLedger LEDGER = new ProcessedEventLedger("processed_event");
    private static String url;

    @BeforeAll
    static void table(PostgresServer postgres) throws SQLException {
        url = postgres.createDatabase("events_ledger");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // the shape the README gives (and the dashboard's V1 migration has)
            s.execute("""
                    create table if not exists processed_event (
                        event_id     varchar(200) primary key,
                        topic        varchar(120) not null,
                        event_type   varchar(200),
                        outcome      varchar(20)  not null,
                        processed_at timestamptz  not null default now())""");
        }
    }

    @Test
    void onlyIdsNotClaimedBeforeComeBack() throws SQLException {
        String a = unique();
        String b = unique();
        try (Connection c = connect()) {
            assertThat(LEDGER.claim(c, TOPIC, List.of(claim(a)))).containsExactly(a);
            assertThat(LEDGER.claim(c, TOPIC, List.of(claim(a), claim(b)))).containsExactly(b);
            assertThat(LEDGER.claim(c, TOPIC, List.of(claim(a), claim(b)))).isEmpty();
        }
    }

    @Test
    void theSameIdTwiceInOneBatchIsClaimedOnce() throws SQLException {
        String a = unique();
        try (Connection c = connect()) {
            assertThat(LEDGER.claim(c, TOPIC, List.of(claim(a), claim(a)))).containsExactly(a);
        }
    }

    @Test
    void aRolledBackTransactionReleasesItsClaims() throws SQLException {
        String a = unique();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            assertThat(LEDGER.claim(c, TOPIC, List.of(claim(a)))).containsExactly(a);
            c.rollback();
            assertThat(LEDGER.claim(c, TOPIC, List.of(claim(a)))).containsExactly(a);
            c.commit();
        }
    }

    @Test
    void theOutcomeAndTypeAreRemembered() throws SQLException {
        String a = unique();
        try (Connection c = connect()) {
            LEDGER.claim(c, TOPIC, List.of(new ProcessedEventLedger.Claim(a, null, "malformed")));
            try (var rows = c.createStatement().executeQuery(
                    "select topic, event_type, outcome from processed_event where event_id = '" + a + "'")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(TOPIC);
                assertThat(rows.getString(2)).isNull();
                assertThat(rows.getString(3)).isEqualTo("malformed");
            }
        }
    }

    @Test
    void anEmptyBatchClaimsNothing() throws SQLException {
        try (Connection c = connect()) {
            assertThat(LEDGER.claim(c, TOPIC, List.of())).isEmpty();
        }
    }

    @Test
    void aTableNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> new ProcessedEventLedger("processed_event; drop table x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ProcessedEventLedger.Claim claim(String id) {
        return new ProcessedEventLedger.Claim(id, TYPE, "applied");
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, PostgresServer.USER, PostgresServer.PASSWORD);
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }
}
