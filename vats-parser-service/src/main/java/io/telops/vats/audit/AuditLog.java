package io.telops.vats.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Who did what through the API, with the outcome; appended in the caller's transaction when there is one. */
@ApplicationScoped
public class AuditLog {
    /** One audited action. */
    public record Entry(long id, Instant at, String actor, String action, Optional<String> target, String outcome,
                        Optional<String> detail) {
    }

    private final DataSource dataSource;

    AuditLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public void record(String actor, String action, String target, String outcome, String detail) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (at, actor, action, target, outcome, detail) "
                     + "VALUES (?,?,?,?,?,?)")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now()));
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, target);
            ps.setString(5, outcome);
            ps.setString(6, detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the audit log", e);
        }
    }

    /** Outside any caller transaction: failures are audited even when the action rolled back. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordSeparately(String actor, String action, String target, String outcome, String detail) {
        record(actor, action, target, outcome, detail);
    }

    @Transactional
    public List<Entry> recent(int limit, Optional<String> action) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT id, at, actor, action, target, outcome, detail FROM audit_log "
                     + "WHERE (? IS NULL OR action = ?) ORDER BY id DESC LIMIT ?")) {
            ps.setString(1, action.orElse(null));
            ps.setString(2, action.orElse(null));
            ps.setInt(3, limit);
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            Optional.ofNullable(rs.getString(5)), rs.getString(6), Optional.ofNullable(rs.getString(7))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit log", e);
        }
    }
}
