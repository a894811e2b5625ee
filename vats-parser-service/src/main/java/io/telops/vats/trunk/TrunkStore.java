package io.telops.vats.trunk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkState;

/** The {@code trunk} and {@code sync_run} tables, in plain JDBC; callers hold the transaction. */
@ApplicationScoped
public class TrunkStore {
    private static final String COLUMNS = "trunk_id, enterprise_id, phone_number, display_name, activated, marked_for_deletion, "
            + "binding_working, blocked, sip_device_on, present, first_seen_at, last_seen_at, last_changed_at, last_changes";

    private final DataSource dataSource;

    TrunkStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Serialises writers across instances for the rest of the transaction; false if another holds it. */
    public boolean tryLockForSync() {
        return query("SELECT pg_try_advisory_xact_lock(hashtext('telops-vats-sync'))", ps -> {
        }, rs -> rs.getBoolean(1)).get(0);
    }

    public Map<Long, StoredTrunk> loadAll() {
        Map<Long, StoredTrunk> all = new LinkedHashMap<>();
        for (StoredTrunk t : query("SELECT " + COLUMNS + " FROM trunk ORDER BY trunk_id", ps -> {
        }, TrunkStore::read)) {
            all.put(t.trunkId(), t);
        }
        return all;
    }

    public List<StoredTrunk> list(boolean includeGone, int limit, long afterId) {
        return query("SELECT " + COLUMNS + " FROM trunk WHERE trunk_id > ? AND (present OR ?) ORDER BY trunk_id LIMIT ?", ps -> {
            ps.setLong(1, afterId);
            ps.setBoolean(2, includeGone);
            ps.setInt(3, limit);
        }, TrunkStore::read);
    }

    public Optional<StoredTrunk> find(long trunkId) {
        return query("SELECT " + COLUMNS + " FROM trunk WHERE trunk_id = ?", ps -> ps.setLong(1, trunkId), TrunkStore::read)
                .stream().findFirst();
    }

    public Optional<StoredTrunk> findPresentByPhone(String phone) {
        return query("SELECT " + COLUMNS + " FROM trunk WHERE phone_number = ? AND present ORDER BY trunk_id",
                ps -> ps.setString(1, phone), TrunkStore::read).stream().findFirst();
    }

    /** Writes the observed deltas: upserts appeared and changed trunks, marks disappeared ones gone. */
    public void apply(long enterpriseId, List<TrunkDelta> deltas, Instant at) {
        String upsert = "INSERT INTO trunk (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,TRUE,?,?,?,?) "
                + "ON CONFLICT (trunk_id) DO UPDATE SET enterprise_id = EXCLUDED.enterprise_id, phone_number = EXCLUDED.phone_number, "
                + "display_name = EXCLUDED.display_name, activated = EXCLUDED.activated, "
                + "marked_for_deletion = EXCLUDED.marked_for_deletion, binding_working = EXCLUDED.binding_working, "
                + "blocked = EXCLUDED.blocked, sip_device_on = EXCLUDED.sip_device_on, present = TRUE, "
                + "last_seen_at = EXCLUDED.last_seen_at, last_changed_at = EXCLUDED.last_changed_at, last_changes = EXCLUDED.last_changes";
        String gone = "UPDATE trunk SET present = FALSE, last_changed_at = ?, last_changes = ? WHERE trunk_id = ?";
        try (Connection c = dataSource.getConnection();
             PreparedStatement up = c.prepareStatement(upsert);
             PreparedStatement down = c.prepareStatement(gone)) {
            Timestamp ts = Timestamp.from(at);
            for (TrunkDelta d : deltas) {
                String changes = d.changes().stream().map(Enum::name).collect(Collectors.joining(","));
                if (d.current().isPresent()) {
                    TrunkState s = d.current().get();
                    up.setLong(1, d.trunkId());
                    up.setLong(2, enterpriseId);
                    up.setString(3, s.phoneNumber());
                    up.setString(4, s.displayName().orElse(null));
                    up.setBoolean(5, s.activated());
                    up.setBoolean(6, s.markedForDeletion());
                    up.setBoolean(7, s.bindingWorking());
                    up.setBoolean(8, s.blocked());
                    up.setBoolean(9, s.sipDeviceOn());
                    up.setTimestamp(10, ts);
                    up.setTimestamp(11, ts);
                    up.setTimestamp(12, ts);
                    up.setString(13, changes);
                    up.addBatch();
                } else {
                    down.setTimestamp(1, ts);
                    down.setString(2, changes);
                    down.setLong(3, d.trunkId());
                    down.addBatch();
                }
            }
            up.executeBatch();
            down.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store trunk changes", e);
        }
    }

    /** Every present trunk was seen now. */
    public void touchPresent(Instant at) {
        update("UPDATE trunk SET last_seen_at = ? WHERE present", ps -> ps.setTimestamp(1, Timestamp.from(at)));
    }

    public void recordRun(SyncRun run) {
        update("INSERT INTO sync_run (run_id, kind, trigger, started_at, finished_at, outcome, trunks, changed, error_kind, error) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?)", ps -> {
            ps.setObject(1, run.runId());
            ps.setString(2, run.kind());
            ps.setString(3, run.trigger());
            ps.setTimestamp(4, Timestamp.from(run.startedAt()));
            ps.setTimestamp(5, Timestamp.from(run.finishedAt()));
            ps.setString(6, run.outcome());
            ps.setInt(7, run.trunks());
            ps.setInt(8, run.changed());
            ps.setString(9, run.errorKind().orElse(null));
            ps.setString(10, run.error().orElse(null));
        });
    }

    public List<SyncRun> recentRuns(int limit) {
        return query("SELECT run_id, kind, trigger, started_at, finished_at, outcome, trunks, changed, error_kind, error "
                + "FROM sync_run ORDER BY started_at DESC LIMIT ?", ps -> ps.setInt(1, limit), rs -> new SyncRun(
                rs.getObject(1, java.util.UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getInt(7), rs.getInt(8),
                Optional.ofNullable(rs.getString(9)), Optional.ofNullable(rs.getString(10))));
    }

    private static StoredTrunk read(ResultSet rs) throws SQLException {
        TrunkState state = new TrunkState(rs.getString(3), Optional.ofNullable(rs.getString(4)), rs.getBoolean(5),
                rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getBoolean(9));
        String changes = rs.getString(14);
        List<TrunkChange> last = changes.isEmpty() ? List.of()
                : Arrays.stream(changes.split(",")).map(TrunkChange::valueOf).toList();
        return new StoredTrunk(rs.getLong(1), rs.getLong(2), state, rs.getBoolean(10), rs.getTimestamp(11).toInstant(),
                rs.getTimestamp(12).toInstant(), rs.getTimestamp(13).toInstant(), last);
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface Mapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, Mapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("update failed: " + sql, e);
        }
    }
}
