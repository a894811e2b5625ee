package io.telops.vats.trunk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.telops.vats.audit.AuditLog;
import io.telops.vats.client.VatsConfig;

/** The {@code sync_override} table: granted by an admin (audited), spent by one sync in its own transaction. */
@ApplicationScoped
public class SyncOverrides {
    static final String GRANTED = "trunks.sync-override";
    static final String USED = "trunks.sync-override.used";
    private static final Logger LOG = Logger.getLogger(SyncOverrides.class);
    private static final String COLUMNS = "id, created_by, created_at, expires_at, used_at, used_by_run";

    private final DataSource dataSource;
    private final AuditLog audit;
    private final Duration validFor;

    SyncOverrides(DataSource dataSource, AuditLog audit, VatsConfig config) {
        this.dataSource = dataSource;
        this.audit = audit;
        this.validFor = config.sync().overrideValidFor();
    }

    /** Lets the next complete sync pass the disappearance guard once. */
    @Transactional
    public SyncOverride grant(String actor) {
        Instant now = Instant.now();
        SyncOverride granted = query("INSERT INTO sync_override (created_by, created_at, expires_at) VALUES (?,?,?) RETURNING "
                + COLUMNS, ps -> {
            ps.setString(1, actor);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now.plus(validFor)));
        }).get(0);
        audit.record(actor, GRANTED, Long.toString(granted.id()), "ok", "the next complete sync may pass the disappearance guard, "
                + "until " + granted.expiresAt());
        LOG.warnf("%s allowed the next complete sync to pass the disappearance guard (override %d, until %s)", actor,
                granted.id(), granted.expiresAt());
        return granted;
    }

    @Transactional
    public Optional<SyncOverride> find(long id) {
        return query("SELECT " + COLUMNS + " FROM sync_override WHERE id = ?", ps -> ps.setLong(1, id)).stream().findFirst();
    }

    @Transactional
    public List<SyncOverride> recent(int limit) {
        return query("SELECT " + COLUMNS + " FROM sync_override ORDER BY id DESC LIMIT ?", ps -> ps.setInt(1, limit));
    }

    /** Spends the oldest open override for this run; inside the sync's transaction, so a rollback gives it back. */
    Optional<SyncOverride> spend(UUID runId, Instant at) {
        return query("UPDATE sync_override SET used_at = ?, used_by_run = ? WHERE id = (SELECT id FROM sync_override "
                + "WHERE used_at IS NULL AND expires_at > ? ORDER BY id LIMIT 1 FOR UPDATE) RETURNING " + COLUMNS, ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, runId);
            ps.setTimestamp(3, Timestamp.from(at));
        }).stream().findFirst();
    }

    /** Audits what the spent override allowed, in the sync's transaction, under the name of the admin who granted it. */
    void recordUse(SyncOverride used, UUID runId, String what) {
        audit.record(used.createdBy(), USED, Long.toString(used.id()), "ok", "run " + runId + ": " + what);
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<SyncOverride> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<SyncOverride> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new SyncOverride(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                            rs.getTimestamp(4).toInstant(), Optional.ofNullable(rs.getTimestamp(5)).map(Timestamp::toInstant),
                            Optional.ofNullable(rs.getObject(6, UUID.class))));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("sync_override: " + e.getMessage(), e);
        }
    }
}
