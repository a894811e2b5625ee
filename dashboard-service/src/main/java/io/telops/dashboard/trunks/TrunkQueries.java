package io.telops.dashboard.trunks;

import static io.telops.dashboard.domain.JdbcRows.instant;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import io.telops.dashboard.domain.JdbcRows;
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

    private final JdbcRows rows;

    TrunkQueries(DataSource dataSource) {
        this.rows = new JdbcRows(dataSource, "trunks view");
    }

    /** Trunks, most recently changed first. {@code text} matches trunk id, phone number or name. */
    public Page<TrunkView> search(Optional<String> text, Optional<TrunkStatus> state, int page, int size) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        text.ifPresent(t -> {
            where.append(" and (v.trunk_id like ? escape '\\' or v.phone_number like ? escape '\\'")
                    .append(" or lower(coalesce(v.display_name, '')) like ? escape '\\')");
            String pattern = JdbcRows.contains(t.toLowerCase(Locale.ROOT));
            params.addAll(List.of(pattern, pattern, pattern));
        });
        state.ifPresent(s -> {
            where.append(" and v.state = ?");
            params.add(s.label());
        });
        return rows.page("select count(*) from (" + ROWS + where + ") c",
                ROWS + where + " order by coalesce(v.last_change_at, v.state_at) desc, v.trunk_id", params, page, size, TrunkQueries::trunk);
    }

    public Optional<TrunkView> find(String trunkId) {
        return rows.first(ROWS + " and v.trunk_id = ?", List.of(trunkId), TrunkQueries::trunk);
    }

    /** The trunk's changes, newest observation first. */
    public Page<TrunkChangeView> history(String trunkId, int page, int size) {
        return rows.page("select count(*) from trunk_change where trunk_id = ?",
                "select * from trunk_change where trunk_id = ? order by observed_at desc, received_at desc, id", List.of(trunkId),
                page, size, rs -> new TrunkChangeView(rs.getString("id"), rs.getString("trunk_id"), instant(rs, "observed_at").orElseThrow(),
                        names(rs.getString("changes")), rs.getString("origin"), Optional.ofNullable(rs.getString("actor")),
                        Optional.ofNullable(rs.getString("run_id")), state(rs.getString("previous_state")),
                        state(rs.getString("current_state")), rs.getBoolean("applied")));
    }

    /** The snapshot runs received, newest first. */
    public List<SnapshotRunView> snapshots(int limit) {
        return rows.list("select * from trunk_snapshot_run order by observed_at desc, snapshot_id limit ?", List.of(limit),
                rs -> new SnapshotRunView(rs.getString("snapshot_id"), rs.getString("enterprise_id"), rs.getInt("snapshot_size"),
                        rs.getInt("seen"), instant(rs, "observed_at").orElseThrow(), instant(rs, "completed_at")));
    }

    private static TrunkView trunk(ResultSet rs) throws SQLException {
        return new TrunkView(rs.getString("trunk_id"), rs.getString("enterprise_id"), rs.getString("phone_number"),
                Optional.ofNullable(rs.getString("display_name")), rs.getBoolean("activated"),
                rs.getBoolean("marked_for_deletion"), rs.getBoolean("binding_working"), rs.getBoolean("blocked"),
                rs.getBoolean("sip_device_on"), rs.getBoolean("present"), rs.getString("state"),
                instant(rs, "state_at").orElseThrow(), instant(rs, "last_change_at"), names(rs.getString("last_changes")),
                Optional.ofNullable(rs.getString("last_change_origin")), instant(rs, "last_snapshot_at"),
                rs.getBoolean("not_in_latest_snapshot"), instant(rs, "first_seen_at").orElseThrow());
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
}
