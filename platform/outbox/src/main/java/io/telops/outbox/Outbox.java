package io.telops.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

/**
 * Writes events into {@code telops_outbox} inside the caller's transaction, so an event exists exactly when the
 * change it describes was committed. The JTA transaction's connection is the one Hibernate and plain JDBC code of
 * the same transaction use. Callers that write with their own JDBC statement use {@link #INSERT} and {@link #bind}.
 */
@ApplicationScoped
public class Outbox {
    /** Append {@link #values(int)}; a row whose id is already there is skipped (a retried write adds nothing). */
    public static final String INSERT = "insert into telops_outbox (id, topic, event_key, ce_type, payload, occurred_at) values ";
    private static final String SKIP_DUPLICATES = " on conflict (id) do nothing";

    /** By {@link Instance}: a service without a datasource (MongoDB) still deploys with this bean unused. */
    private final Instance<DataSource> dataSource;

    Outbox(Instance<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    /** Adds the events, in order, with one multi-row INSERT (one round trip). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(List<OutboxEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.get().getConnection();
             PreparedStatement st = c.prepareStatement(INSERT + values(events.size()) + SKIP_DUPLICATES)) {
            bind(st, 1, events);
            st.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write to the outbox: " + e.getMessage(), e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(OutboxEvent event) {
        add(List.of(event));
    }

    /** The JDBC placeholders of {@code n} rows, for {@link #INSERT}. */
    public static String values(int n) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    /** Binds events to the placeholders of {@link #values(int)} starting at {@code index}; returns the next index. */
    public static int bind(PreparedStatement statement, int index, List<OutboxEvent> events) throws SQLException {
        int i = index;
        for (OutboxEvent e : events) {
            statement.setObject(i++, e.id());
            statement.setString(i++, e.topic());
            statement.setString(i++, e.key());
            statement.setString(i++, e.type());
            statement.setString(i++, e.payload());
            statement.setObject(i++, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
        }
        return i;
    }
}
