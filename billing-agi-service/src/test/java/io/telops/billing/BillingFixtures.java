package io.telops.billing;

import static io.restassured.RestAssured.given;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.Accounts;
import io.telops.billing.ledger.Ledger;
import io.telops.billing.ledger.Tariff;
import io.telops.billing.ledger.Tariffs;

/** Test data through the real domain services; names and numbers are unique per call (one shared database). */
@ApplicationScoped
public class BillingFixtures {
    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000);
    private final Accounts accounts;
    private final Ledger ledger;
    private final Tariffs tariffs;
    private final DataSource dataSource;

    BillingFixtures(Accounts accounts, Ledger ledger, Tariffs tariffs, DataSource dataSource) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.tariffs = tariffs;
        this.dataSource = dataSource;
    }

    /** A JSON request as the test profile's admin (HTTP Basic, admin/secret). */
    public static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON);
    }

    public static String unique() {
        return String.valueOf(SEQ.incrementAndGet());
    }

    public Account account(long balanceMinor) {
        return account(balanceMinor, Optional.empty());
    }

    public Account account(long balanceMinor, Optional<String> imsi) {
        String n = unique();
        Account a = accounts.create(new Accounts.NewAccount("user" + n, "secret-" + n, "77" + n, imsi, false));
        if (balanceMinor > 0) {
            ledger.adjust(a.id, balanceMinor, "fixture", "test");
        }
        return accounts.get(a.id);
    }

    public Account accountNamed(String username) {
        return accounts.get(username);
    }

    public void adjust(long accountId, long amountMinor) {
        ledger.adjust(accountId, amountMinor, "fixture", "test");
    }

    /** The first column of the first row of a query, as text. */
    public String queryString(String statement, Object... params) throws SQLException {
        return firstRow(statement, rs -> rs.getString(1), params);
    }

    public long balance(long accountId) {
        return accounts.get(accountId).balanceMinor;
    }

    public Tariff tariff(String prefix, long ratePerMinute, int initial, int subsequent, long fee) {
        return tariffs.put(new Tariffs.TariffSpec(prefix, Optional.of("test " + prefix), ratePerMinute, initial, subsequent, fee));
    }

    /** Runs one statement with positional parameters on its own connection; returns the update count. */
    public int sql(String statement, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(statement)) {
            bind(st, params);
            return st.executeUpdate();
        }
    }

    /** The first column of the first row of a query, as a long. */
    public long queryLong(String statement, Object... params) throws SQLException {
        return firstRow(statement, rs -> rs.getLong(1), params);
    }

    private interface Column<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T firstRow(String statement, Column<T> column, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(statement)) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return column.read(rs);
            }
        }
    }

    /** One outbox row: its CloudEvent type, record key and JSON body. */
    public record OutboxRow(String type, String key, String payload) {
    }

    /** The outbox rows that meet {@code condition} (SQL with positional parameters), in insertion order. */
    public List<OutboxRow> outbox(String condition, Object... params) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(
                "select ce_type, event_key, payload from telops_outbox where " + condition + " order by seq")) {
            bind(st, params);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return rows;
    }

    private static void bind(PreparedStatement st, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            st.setObject(i + 1, params[i]);
        }
    }
}
