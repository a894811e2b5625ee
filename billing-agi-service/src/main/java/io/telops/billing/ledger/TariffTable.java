package io.telops.billing.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tariff table held in memory for the authorise path: longest-prefix match without a query. It is
 * stamped with the {@code tariff_version} counter that a trigger bumps in every transaction that changes the
 * {@code tariff} table (V2 migration). The authorise statement that locks the caller's account also reads
 * that counter; when it differs from the stamp, {@link #match} reloads the table on the same connection
 * before matching. So a change committed by this replica, another replica or by hand in SQL is used by
 * every authorisation whose account lookup started after the commit, exactly as a query would.
 */
@ApplicationScoped
public class TariffTable {
    private static final String LOAD = "select v.version, t.prefix, t.rate_per_minute_minor, t.initial_increment, "
            + "t.subsequent_increment, t.connection_fee_minor from tariff_version v left join tariff t on true";

    /** A matched tariff: its prefix and its rate. */
    public record Match(String prefix, TariffRate rate) {
    }

    private record Snapshot(long version, Map<String, Match> byPrefix, int longestPrefix) {
    }

    private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE, Map.of(), 0);

    /** The version currently held ({@code Long.MIN_VALUE} before the first load). */
    public long version() {
        return snapshot.version();
    }

    /**
     * The longest prefix of {@code destination} that has a tariff, from a table at least as new as
     * {@code version} (the {@code tariff_version} the caller read in its transaction). Reloads through
     * {@code connection} (inside the caller's transaction) when the table held is older.
     */
    public Optional<Match> match(String destination, long version, Connection connection) throws SQLException {
        Snapshot s = snapshot;
        if (s.version() < version) {
            s = reload(version, connection);
        }
        return match(s, destination);
    }

    /** A match against the table held now, with the version it belongs to (the caller checks that version). */
    public record Held(long version, Optional<Match> match) {
    }

    /**
     * The longest-prefix match in the table held now, without any query. The single-statement authorise passes
     * the version along and gets STALE_TARIFF back when the database has moved on; it then calls
     * {@link #match(String, long, Connection)} with the newer version, which reloads, and tries again.
     */
    public Held held(String destination) {
        Snapshot s = snapshot;
        return new Held(s.version(), match(s, destination));
    }

    private static Optional<Match> match(Snapshot s, String destination) {
        for (int len = Math.min(destination.length(), s.longestPrefix()); len >= 0; len--) {
            Match m = s.byPrefix().get(destination.substring(0, len));
            if (m != null) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private synchronized Snapshot reload(long atLeast, Connection connection) throws SQLException {
        Snapshot current = snapshot;
        if (current.version() >= atLeast) {
            return current; // another thread loaded it while this one waited
        }
        Map<String, Match> byPrefix = new HashMap<>();
        long version = atLeast;
        int longest = 0;
        // one statement, one snapshot: the rows and the version they belong to agree
        try (PreparedStatement load = connection.prepareStatement(LOAD); ResultSet rows = load.executeQuery()) {
            while (rows.next()) {
                version = rows.getLong(1);
                String prefix = rows.getString(2);
                if (prefix != null) {
                    byPrefix.put(prefix, new Match(prefix, new TariffRate(rows.getLong(3), rows.getInt(4), rows.getInt(5), rows.getLong(6))));
                    longest = Math.max(longest, prefix.length());
                }
            }
        }
        Snapshot loaded = new Snapshot(version, Map.copyOf(byPrefix), longest);
        snapshot = loaded;
        return loaded;
    }
}
