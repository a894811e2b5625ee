package io.telops.dashboard.overview;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.dashboard.billing.Money;
import io.telops.dashboard.callforward.CallOutcome;
import io.telops.dashboard.phone.PhoneConfig;
import io.telops.dashboard.trunks.TrunkStatus;

/** Counts the read model for the overview: one short query per group, on one connection. */
@ApplicationScoped
public class OverviewQueries {

    private static final String PHONES = """
            select count(*) filter (where last_heard_at >= ?),
                   count(*) filter (where last_heard_at < ?),
                   count(*) filter (where last_heard_at >= ? and state = 'IN_CALL')
            from phone""";
    // one count per CallOutcome, in its order
    private static final String CALLS = Arrays.stream(CallOutcome.values())
            .map(o -> "count(*) filter (where " + o.sql() + ")")
            .collect(Collectors.joining(", ", "select ", " from cf_call c where c.started_at >= ?"));
    private static final String VOICEMAILS = """
            select count(*) filter (where recorded_at >= ?),
                   count(*) filter (where sms_status = 'failed' and sms_at >= ?)
            from cf_voicemail""";
    private static final String BILLING = """
            select count(*) filter (where kind = 'call-authorised'), count(*) filter (where kind = 'call-refused'),
                   (select count(*) from bl_account where low)
            from bl_event where occurred_at >= ?""";
    private static final String SPEND = """
            select currency, sum(amount_minor) from bl_event
            where kind = 'call-settled' and occurred_at >= ? and amount_minor is not null
            group by currency order by currency""";
    private static final String TRUNKS = "select " + TrunkStatus.SQL + " as state, count(*) from trunk_view t group by 1";
    private static final String DEVICES = """
            select (select count(*) from device_view where last_fetch_at >= ?),
                   (select count(*) from device_auth_failure where occurred_at >= ?),
                   (select count(distinct client_ip) from device_auth_failure where occurred_at >= ?)""";

    private final DataSource dataSource;
    private final OverviewConfig config;
    private final PhoneConfig phones;

    OverviewQueries(DataSource dataSource, OverviewConfig config, PhoneConfig phones) {
        this.dataSource = dataSource;
        this.config = config;
        this.phones = phones;
    }

    /** Midnight of today in the configured zone: the start of every "today" figure. */
    public Instant startOfToday() {
        return LocalDate.now(config.zone()).atStartOfDay(config.zone()).toInstant();
    }

    public Overview overview() {
        Instant today = startOfToday();
        Instant online = Instant.now().minus(phones.offlineAfter());
        try (Connection connection = dataSource.getConnection()) {
            long[] p = counts(connection, PHONES, online, online, online);
            long[] c = counts(connection, CALLS, today);
            long[] v = counts(connection, VOICEMAILS, today, today);
            long[] b = counts(connection, BILLING, today);
            long[] d = counts(connection, DEVICES, today, today, today);
            return new Overview(today,
                    List.of(new Figure("online", "online", p[0], "/phones"),
                            new Figure("offline", "offline", p[1], "/phones?status=offline"),
                            new Figure("in-call", "in a call", p[2], "/phones?status=in-call")),
                    List.of(new Figure("forwarded", "answered on the desk phone", c[0], "/call-forward?outcome=forwarded#cf-calls"),
                            new Figure("answered-on-mobile", "answered on the mobile", c[1], "/call-forward?outcome=answered-on-mobile#cf-calls"),
                            new Figure("voicemail", "voicemail", c[2], "/call-forward?outcome=voicemail#cf-calls"),
                            new Figure("missed", "missed", c[3], "/call-forward?outcome=missed#cf-calls"),
                            new Figure("refused", "refused", c[4], "/call-forward?outcome=refused#cf-calls"),
                            new Figure("in-progress", "not completed yet", c[5], "/call-forward?outcome=in-progress#cf-calls")),
                    List.of(new Figure("recorded", "recorded today", v[0], "/call-forward#cf-voicemails"),
                            new Figure("sms-failed", "SMS failed today", v[1], "/call-forward#cf-voicemails")),
                    List.of(new Figure("authorised", "calls authorised", b[0], "/balances#bl-events"),
                            new Figure("refused", "calls refused", b[1], "/balances#bl-events"),
                            new Figure("low-balance", "accounts below their low-balance threshold", b[2], "/balances#bl-accounts")),
                    spend(connection, today),
                    trunks(connection),
                    List.of(new Figure("fetched", "devices fetched their config today", d[0], "/devices"),
                            new Figure("auth-failures", "refused fetches today", d[1], "/devices?status=auth-failing"),
                            new Figure("auth-failure-sources", "source addresses refused today", d[2], "/devices?status=auth-failing")));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the overview", e);
        }
    }

    private List<String> spend(Connection connection, Instant today) throws SQLException {
        List<String> spend = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SPEND)) {
            statement.setTimestamp(1, Timestamp.from(today));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    spend.add(Money.format(rows.getLong(2), rows.getString(1)));
                }
            }
        }
        return spend;
    }

    private List<Figure> trunks(Connection connection) throws SQLException {
        Map<String, Long> byState = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(TRUNKS); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                byState.put(rows.getString(1), rows.getLong(2));
            }
        }
        List<Figure> figures = new ArrayList<>();
        for (TrunkStatus status : TrunkStatus.values()) {
            figures.add(new Figure(status.label(), status.label(), byState.getOrDefault(status.label(), 0L),
                    "/trunks?state=" + status.label()));
        }
        return figures;
    }

    private static long[] counts(Connection connection, String sql, Instant... times) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < times.length; i++) {
                statement.setTimestamp(i + 1, Timestamp.from(times[i]));
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                long[] counts = new long[rows.getMetaData().getColumnCount()];
                for (int i = 0; i < counts.length; i++) {
                    counts[i] = rows.getLong(i + 1);
                }
                return counts;
            }
        }
    }
}
