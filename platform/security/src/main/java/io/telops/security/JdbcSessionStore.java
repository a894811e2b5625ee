package io.telops.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Sessions in the service's own PostgreSQL, so every replica sees a login, a logout and a blocked user alike.
 * The table is the platform's, not the service's schema: it is created on first use.
 */
final class JdbcSessionStore implements SessionStore {
    private final DataSource dataSource;
    private volatile boolean tableReady;

    JdbcSessionStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void insert(String idHash, StoredSession session) {
        update("insert into telops_session (id_hash, username, created_at, last_seen) values (?, ?, ?, ?)",
                idHash, session.username(), Timestamp.from(session.createdAt()), Timestamp.from(session.lastSeen()));
    }

    @Override
    public Optional<StoredSession> find(String idHash) {
        try (Connection c = connection();
             PreparedStatement s = c.prepareStatement(
                     "select username, created_at, last_seen from telops_session where id_hash = ?")) {
            s.setString(1, idHash);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new StoredSession(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("session store: " + e.getMessage(), e);
        }
    }

    @Override
    public void touch(String idHash, Instant lastSeen) {
        update("update telops_session set last_seen = ? where id_hash = ?", Timestamp.from(lastSeen), idHash);
    }

    @Override
    public void delete(String idHash) {
        update("delete from telops_session where id_hash = ?", idHash);
    }

    @Override
    public void deleteUser(String username) {
        update("delete from telops_session where username = ?", username);
    }

    @Override
    public void deleteOlderThan(Instant createdBefore, Instant idleBefore) {
        update("delete from telops_session where created_at < ? or last_seen < ?",
                Timestamp.from(createdBefore), Timestamp.from(idleBefore));
    }

    private void update(String sql, Object... args) {
        try (Connection c = connection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("session store: " + e.getMessage(), e);
        }
    }

    private Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        if (!tableReady) {
            try (Statement s = c.createStatement()) {
                s.execute("create table if not exists telops_session (id_hash text primary key, username text not null, "
                        + "created_at timestamptz not null, last_seen timestamptz not null)");
                s.execute("create index if not exists telops_session_username on telops_session (username)");
            }
            tableReady = true;
        }
        return c;
    }
}
