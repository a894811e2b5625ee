package io.telops.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.transaction.Transactional;

import io.telops.events.TraceHeaders;

/**
 * Writes events into {@code telops_outbox} inside the caller's transaction, so an event exists exactly when the
 * change it describes was committed. The JTA transaction's connection is the one Hibernate and plain JDBC code of
 * the same transaction use. Callers that write with their own JDBC statement use {@link #INSERT} and {@link #bind}, or
 * for large groups {@link #INSERT_ARRAYS} and {@link #bindArrays}. Every way fills {@code traceparent} from the
 * event, else from the writing thread's recording span.
 */
@ApplicationScoped
public class Outbox {
    /** Append {@link #values(int)}, and {@link #SKIP_DUPLICATES} to skip a row whose id is already there (a retried write then adds nothing). */
    public static final String INSERT = "insert into telops_outbox (id, topic, event_key, ce_type, payload, occurred_at, traceparent) values ";
    /** Append to {@link #INSERT} + {@link #values(int)}: a row whose id is already there is skipped. */
    public static final String SKIP_DUPLICATES = " on conflict (id) do nothing";
    /**
     * Any number of events in one statement of fixed text (one server-side plan, no parameter limit), columns bound as
     * arrays by {@link #bindArrays}; skips ids already there. A caller may add {@code returning id} (the ids inserted)
     * or use it as a data-modifying CTE next to its own writes, as ingest's group commit does.
     */
    public static final String INSERT_ARRAYS = "insert into telops_outbox (id, topic, event_key, ce_type, payload, occurred_at, traceparent) "
            + "select * from unnest((?::text[])::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], (?::text[])::timestamptz[], ?::text[])"
            + SKIP_DUPLICATES;

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
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
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
            statement.setString(i++, traceparent(e).orElse(null));
        }
        return i;
    }

    /**
     * Binds events to the seven array parameters of {@link #INSERT_ARRAYS} starting at {@code index}; returns the next
     * index. Plain {@code String[]} go in PostgreSQL's binary array format: no array literal to quote and parse.
     */
    public static int bindArrays(PreparedStatement statement, int index, List<OutboxEvent> events) throws SQLException {
        int n = events.size();
        String[][] columns = new String[7][n];
        for (int row = 0; row < n; row++) {
            OutboxEvent e = events.get(row);
            columns[0][row] = e.id().toString();
            columns[1][row] = e.topic();
            columns[2][row] = e.key();
            columns[3][row] = e.type();
            columns[4][row] = e.payload();
            columns[5][row] = e.occurredAt().toString();
            columns[6][row] = traceparent(e).orElse(null);
        }
        int i = index;
        for (String[] column : columns) {
            statement.setObject(i++, column);
        }
        return i;
    }

    /** The event's own trace context, else the writing thread's recording span's (none with the SDK off). */
    static Optional<String> traceparent(OutboxEvent e) {
        return e.traceparent().isPresent() ? e.traceparent() : TraceHeaders.recordingTraceparent();
    }
}
