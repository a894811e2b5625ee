package io.telops.dashboard.trunks;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.contracts.vats.TrunkState;
import io.telops.dashboard.phone.Page;

/** Reads the trunks view: trunks with their state, a trunk's history, and the snapshot runs received. */
@ApplicationScoped
public class TrunkQueries {
    private static final ObjectMapper JSON = EventJson.mapper();
    // the newest complete snapshot of each enterprise, to flag present trunks it did not list
    private static final String ROWS = """
            select * from (
              select t.*, %s as state,
                     (t.present and s.snapshot_id is not null and t.last_snapshot_id is distinct from s.snapshot_id
                      and t.state_at < s.observed_at) as not_in_latest_snapshot
              from trunk_view t
              left join lateral (select r.snapshot_id, r.observed_at from trunk_snapshot_run r
                                 where r.enterprise_id = t.enterprise_id and r.completed_at is not null
                                 order by r.observed_at desc limit 1) s on true
            ) v
            where true""".formatted(TrunkStatus.SQL);

    private final DataSource dataSource;

    TrunkQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Trunks, most recently changed first. {@code text} matches trunk id, phone number or name. */
    public Page<TrunkView> search(Optional<String> text, Optional<TrunkStatus> state, int page, int size) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        text.ifPresent(t -> {
            where.append(" and (v.trunk_id like ? escape '\\' or v.phone_number like ? escape '\\'")
                    .append(" or lower(coalesce(v.display_name, '')) like ? escape '\\')");
            String pattern = contains(t.toLowerCase(Locale.ROOT));
            params.addAll(List.of(pattern, pattern, pattern));
        });
        state.ifPresent(s -> {
            where.append(" and v.state = ?");
            params.add(s.label());
        });
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = prepare(connection, "select count(*) from (" + ROWS + where + ") c", params);
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.add(size);
            pageParams.add((long) page * size);
            try (PreparedStatement ps = prepare(connection,
                    ROWS + where + " order by coalesce(v.last_change_at, v.state_at) desc, v.trunk_id limit ? offset ?", pageParams)) {
                return new Page<>(trunks(ps), page, size, total);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("trunks view: " + e.getMessage(), e);
        }
    }

    public Optional<TrunkView> find(String trunkId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = prepare(connection, ROWS + " and v.trunk_id = ?", List.of(trunkId))) {
            return trunks(ps).stream().findFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("trunks view: " + e.getMessage(), e);
        }
    }

    /** The trunk's changes, newest observation first. */
    public Page<TrunkChangeView> history(String trunkId, int page, int size) {
        try (Connection connection = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = prepare(connection, "select count(*) from trunk_change where trunk_id = ?", List.of(trunkId));
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<TrunkChangeView> rows = new ArrayList<>();
            try (PreparedStatement ps = prepare(connection, """
                    select * from trunk_change where trunk_id = ?
                    order by observed_at desc, received_at desc, id limit ? offset ?""", List.of(trunkId, size, (long) page * size));
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new TrunkChangeView(rs.getString("id"), rs.getString("trunk_id"), instant(rs, "observed_at").orElseThrow(),
                            names(rs.getString("changes")), rs.getString("origin"), Optional.ofNullable(rs.getString("actor")),
                            Optional.ofNullable(rs.getString("run_id")), state(rs.getString("previous_state")),
                            state(rs.getString("current_state")), rs.getBoolean("applied")));
                }
            }
            return new Page<>(rows, page, size, total);
        } catch (SQLException e) {
            throw new IllegalStateException("trunks view: " + e.getMessage(), e);
        }
    }

    /** The snapshot runs received, newest first. */
    public List<SnapshotRunView> snapshots(int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = prepare(connection, "select * from trunk_snapshot_run order by observed_at desc, snapshot_id limit ?",
                     List.of(limit));
             ResultSet rs = ps.executeQuery()) {
            List<SnapshotRunView> runs = new ArrayList<>();
            while (rs.next()) {
                runs.add(new SnapshotRunView(rs.getString("snapshot_id"), rs.getString("enterprise_id"), rs.getInt("snapshot_size"),
                        rs.getInt("seen"), instant(rs, "observed_at").orElseThrow(), instant(rs, "completed_at")));
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("trunks view: " + e.getMessage(), e);
        }
    }

    private static List<TrunkView> trunks(PreparedStatement ps) throws SQLException {
        List<TrunkView> trunks = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                trunks.add(new TrunkView(rs.getString("trunk_id"), rs.getString("enterprise_id"), rs.getString("phone_number"),
                        Optional.ofNullable(rs.getString("display_name")), rs.getBoolean("activated"),
                        rs.getBoolean("marked_for_deletion"), rs.getBoolean("binding_working"), rs.getBoolean("blocked"),
                        rs.getBoolean("sip_device_on"), rs.getBoolean("present"), rs.getString("state"),
                        instant(rs, "state_at").orElseThrow(), instant(rs, "last_change_at"), names(rs.getString("last_changes")),
                        Optional.ofNullable(rs.getString("last_change_origin")), instant(rs, "last_snapshot_at"),
                        rs.getBoolean("not_in_latest_snapshot"), instant(rs, "first_seen_at").orElseThrow()));
            }
        }
        return trunks;
    }

    private static Optional<TrunkState> state(String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, TrunkState.class));
        } catch (IOException e) {
            throw new IllegalStateException("stored trunk state unreadable", e);
        }
    }

    private static List<String> names(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> params) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        return ps;
    }

    private static String contains(String fragment) {
        return "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
