package io.telops.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Consumer de-duplication on {@code ce_id} in PostgreSQL: the ids are inserted first, inside the caller's
 * transaction, and only the ids that were not there before come back. A rolled-back transaction releases its claims
 * with it, so an event is applied exactly once as long as its effects commit in the same transaction. The table
 * shape is in this module's README ({@code event_id} primary key, {@code topic}, {@code event_type}, {@code outcome}).
 */
public final class ProcessedEventLedger {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String claimSql;

    /** One event to remember, with what was (or is about to be) done with it ({@code outcome}, a short label). */
    public record Claim(String eventId, String eventType, String outcome) {
    }

    /** A ledger kept in {@code table}, a plain lower-case SQL identifier (it is written into the statement). */
    public ProcessedEventLedger(String table) {
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain SQL table name: " + table);
        }
        this.claimSql = """
                insert into %s (event_id, topic, event_type, outcome)
                select e.id, ?, e.type, e.outcome from unnest(?::varchar[], ?::varchar[], ?::varchar[]) as e(id, type, outcome)
                on conflict (event_id) do nothing
                returning event_id""".formatted(table);
    }

    /**
     * The claim as one SQL statement with four parameters ({@link #bind}) returning the new ids ({@link #claimed}),
     * for a caller that sends it in one round trip with its own statements.
     */
    public String claimSql() {
        return claimSql;
    }

    /** Inserts the claims on the caller's connection (and transaction); returns the ce_ids that were new. */
    public Set<String> claim(Connection connection, String topic, List<Claim> claims) throws SQLException {
        if (claims.isEmpty()) {
            return Set.of();
        }
        try (PreparedStatement statement = connection.prepareStatement(claimSql)) {
            bind(connection, statement, 1, topic, claims);
            try (ResultSet rows = statement.executeQuery()) {
                return claimed(rows);
            }
        }
    }

    /** Sets the four parameters of {@link #claimSql()} from {@code first} on; returns the next parameter index. */
    public static int bind(Connection connection, PreparedStatement statement, int first, String topic, List<Claim> claims)
            throws SQLException {
        statement.setString(first, topic);
        statement.setArray(first + 1, connection.createArrayOf("varchar", claims.stream().map(Claim::eventId).toArray()));
        statement.setArray(first + 2, connection.createArrayOf("varchar", claims.stream().map(Claim::eventType).toArray()));
        statement.setArray(first + 3, connection.createArrayOf("varchar", claims.stream().map(Claim::outcome).toArray()));
        return first + 4;
    }

    /** The ids the claim returned: those not claimed before. */
    public static Set<String> claimed(ResultSet rows) throws SQLException {
        Set<String> fresh = new HashSet<>();
        while (rows.next()) {
            fresh.add(rows.getString(1));
        }
        return fresh;
    }
}
