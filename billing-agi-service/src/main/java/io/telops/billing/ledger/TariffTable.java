package io.telops.billing.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.billing.rating.PeriodWindow;
import io.telops.billing.rating.PlanRate;
import io.telops.billing.rating.RatedPlan;

/**
 * Every rate plan held in memory for the authorise path: periods and longest-prefix rates without a query. It is
 * stamped with the {@code tariff_version} counter that triggers bump in every transaction that changes a plan, a
 * period or a rate (V2, V9). The authorise statement that locks the caller's account also reads that counter; when
 * it differs from the stamp the service reloads through {@link #reload} on the same connection and prices again.
 * So a change committed by this replica, another replica or by hand in SQL is used by every authorisation whose
 * account lookup started after the commit, exactly as a query would.
 */
@ApplicationScoped
public class TariffTable {
    private static final String VERSION = "select version from tariff_version";
    private static final String PLANS = "select id, name, currency, is_default from rate_plan";
    private static final String WINDOWS = "select plan_id, name, days, start_minute, end_minute from plan_period order by plan_id, start_minute";
    private static final String RATES = "select plan_id, prefix, period, description, rate_per_minute_minor, initial_increment, "
            + "subsequent_increment, connection_fee_minor, minimum_seconds, permission from plan_rate";

    private record Snapshot(long version, Map<Long, RatedPlan> plans) {
    }

    private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE, Map.of());

    /** The version currently held ({@code Long.MIN_VALUE} before the first load). */
    public long version() {
        return snapshot.version();
    }

    /** A destination priced under a plan with the table held now, and the version that table belongs to. */
    public record Held(long version, Optional<RatedPlan.Priced> priced) {
    }

    /**
     * Prices a destination under a plan (none: no rate) from {@code at}, with the table held now and without any
     * query; the single-statement authorise checks the version and answers STALE_TARIFF when the database has moved on.
     */
    public Held held(Optional<Long> plan, String zone, String destination, Instant at, long reachSeconds) {
        Snapshot s = snapshot;
        Optional<RatedPlan.Priced> priced = plan.map(id -> s.plans().get(id))
                .flatMap(p -> p.price(destination, at, reachSeconds, zoneOf(zone)));
        return new Held(s.version(), priced);
    }

    /** The default plan of a currency in the table held now (the first guess for an account not seen yet). */
    public Optional<Long> defaultPlan(String currency) {
        return snapshot.plans().values().stream().filter(p -> p.isDefault() && p.currency().equals(currency))
                .map(RatedPlan::id).findFirst();
    }

    private static ZoneId zoneOf(String zone) {
        try {
            return ZoneId.of(zone == null ? "UTC" : zone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC"); // the API only stores valid zones; a hand-edited one prices as UTC
        }
    }

    /**
     * Loads the table through {@code connection} when the one held is older than {@code atLeast} (the
     * {@code tariff_version} the authorise statement read).
     */
    public synchronized void reload(long atLeast, Connection connection) throws SQLException {
        if (snapshot.version() >= atLeast) {
            return; // another thread loaded it while this one waited
        }
        boolean auto = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            // one repeatable-read transaction: the rows and the version they belong to agree
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            snapshot = load(connection);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(auto);
        }
    }

    private static Snapshot load(Connection c) throws SQLException {
        long version;
        try (PreparedStatement st = c.prepareStatement(VERSION); ResultSet rs = st.executeQuery()) {
            rs.next();
            version = rs.getLong(1);
        }
        Map<Long, List<PeriodWindow>> windows = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(WINDOWS); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                windows.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new PeriodWindow(rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5)));
            }
        }
        Map<Long, Map<String, Map<String, PlanRate>>> rates = new HashMap<>();
        Map<Long, Integer> longest = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(RATES)) {
            st.setFetchSize(10_000); // a large plan streams instead of landing in memory twice
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long plan = rs.getLong(1);
                    PlanRate r = new PlanRate(rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)),
                            new TariffRate(rs.getLong(5), rs.getInt(6), rs.getInt(7), rs.getLong(8)), rs.getInt(9),
                            Optional.ofNullable(rs.getString(10)));
                    rates.computeIfAbsent(plan, k -> new HashMap<>()).computeIfAbsent(r.period(), k -> new HashMap<>()).put(r.prefix(), r);
                    longest.merge(plan, r.prefix().length(), Math::max);
                }
            }
        }
        Map<Long, RatedPlan> plans = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(PLANS); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                plans.put(id, new RatedPlan(id, rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        List.copyOf(windows.getOrDefault(id, List.of())), rates.getOrDefault(id, Map.of()),
                        longest.getOrDefault(id, 0)));
            }
        }
        return new Snapshot(version, Map.copyOf(plans));
    }
}
