package io.telops.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.arc.DefaultBean;

/**
 * The outbox in the service's PostgreSQL database, table {@code telops_outbox}. A claim is one transaction: in
 * {@code leader} mode it first takes the advisory lock (not waiting: another replica relays), then locks the batch
 * {@code FOR UPDATE SKIP LOCKED}; acknowledging deletes or marks the rows and commits. Marks commit without waiting
 * for their WAL flush: a mark lost in a crash only publishes those events again, and consumers de-duplicate on ce_id.
 */
@ApplicationScoped
@DefaultBean
public class PostgresOutboxStore implements OutboxStore {
    private static final String COLUMNS = "id, topic, event_key, ce_type, payload, occurred_at, traceparent, seq";
    private static final String DELETE = "delete from telops_outbox where id = any(?)";
    private static final String MARK = "update telops_outbox set published_at = now() where id = any(?)";
    /** Claimed rows go by seq: the append-only primary key, whose pages are hot, instead of the random ce_id index. */
    private static final String DELETE_CLAIMED = "delete from telops_outbox where seq = any(?)";
    private static final String MARK_CLAIMED = "update telops_outbox set published_at = now() where seq = any(?)";
    /** With statistics for the depth gauge: pending rows counted exactly up to this many. */
    public static final int EXACT_DEPTH_UP_TO = 1_000;
    private static final String PURGE = "delete from telops_outbox where ctid = any(array(select ctid from telops_outbox "
            + "where created_at < ? and published_at is not null limit ?))";

    private final DataSource dataSource;
    private final OutboxConfig.Claiming claiming;
    private final long leaderLock;
    private final boolean keepPublished;
    private final boolean depthFromStatistics;
    private final int exactDepthUpTo;

    /** The datasource by {@link Instance}: a service without one (MongoDB) still deploys, with its own store. */
    @Inject
    PostgresOutboxStore(Instance<DataSource> dataSource, OutboxConfig config) {
        this(dataSource.get(), config.claiming(), config.leaderLock(), !config.retention().isZero(), config.depthFromStatistics());
    }

    public PostgresOutboxStore(DataSource dataSource, OutboxConfig.Claiming claiming, long leaderLock, boolean keepPublished) {
        this(dataSource, claiming, leaderLock, keepPublished, false);
    }

    /**
     * {@code depthFromStatistics}: the depth gauge reads PostgreSQL's live-row count of the table instead of counting
     * it; exact enough when published rows are deleted (no retention), and free of the scan of every dead row a busy
     * queue table holds until vacuum.
     */
    public PostgresOutboxStore(DataSource dataSource, OutboxConfig.Claiming claiming, long leaderLock, boolean keepPublished,
                               boolean depthFromStatistics) {
        this(dataSource, claiming, leaderLock, keepPublished, depthFromStatistics, EXACT_DEPTH_UP_TO);
    }

    /**
     * With {@code depthFromStatistics}, up to {@code exactDepthUpTo} pending rows are counted exactly (a bounded walk
     * of the pending rows in {@code seq} order); the statistics are read only above that. Why: vacuum extrapolates the
     * live rows of pages it skips, so the statistics of a drained queue table can stay above zero for good.
     */
    public PostgresOutboxStore(DataSource dataSource, OutboxConfig.Claiming claiming, long leaderLock, boolean keepPublished,
                               boolean depthFromStatistics, int exactDepthUpTo) {
        this.dataSource = dataSource;
        this.claiming = claiming;
        this.leaderLock = leaderLock;
        this.keepPublished = keepPublished;
        this.depthFromStatistics = depthFromStatistics && !keepPublished;
        this.exactDepthUpTo = exactDepthUpTo;
    }

    @Override
    public void prepare() {
        OutboxSchema.migrate(dataSource);
    }

    @Override
    public Claim claim(int limit, Duration olderThan) throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(false);
            if (claiming == OutboxConfig.Claiming.LEADER && !leader(c)) {
                c.rollback();
                c.close();
                return OutboxStore.none();
            }
            Map<UUID, Long> seqs = new LinkedHashMap<>();
            List<OutboxEvent> events = lockPending(c, limit, olderThan, seqs);
            return new PgClaim(c, events, seqs);
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            c.close();
            throw e;
        }
    }

    private boolean leader(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            st.setLong(1, leaderLock);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** Locks and reads the batch; {@code seqs} receives each event's seq. */
    private static List<OutboxEvent> lockPending(Connection c, int limit, Duration olderThan, Map<UUID, Long> seqs)
            throws SQLException {
        String age = olderThan.isZero() ? "" : " and created_at < now() - ? * interval '1 millisecond'";
        try (PreparedStatement st = c.prepareStatement("select " + COLUMNS + " from telops_outbox where published_at is null"
                + age + " order by seq limit ? for update skip locked")) {
            int i = 1;
            if (!olderThan.isZero()) {
                st.setLong(i++, olderThan.toMillis());
            }
            st.setInt(i, limit);
            List<OutboxEvent> events = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    OutboxEvent e = new OutboxEvent(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant(),
                            Optional.ofNullable(rs.getString(7)));
                    events.add(e);
                    seqs.put(e.id(), rs.getLong(8));
                }
            }
            return events;
        }
    }

    /** Handed-over events, known by their ce_id only. */
    private void record(Connection c, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        asynchronousCommit(c);
        try (PreparedStatement st = c.prepareStatement(keepPublished ? MARK : DELETE)) {
            st.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            st.executeUpdate();
        }
    }

    /** Claimed rows by the seq they were read with, handed-over ones by the seq their insert returned. */
    private void recordClaimed(Connection c, long[] seqs) throws SQLException {
        if (seqs.length == 0) {
            return;
        }
        asynchronousCommit(c);
        try (PreparedStatement st = c.prepareStatement(keepPublished ? MARK_CLAIMED : DELETE_CLAIMED)) {
            st.setObject(1, seqs);
            st.executeUpdate();
        }
    }

    private static void asynchronousCommit(Connection c) throws SQLException {
        try (var async = c.createStatement()) {
            async.execute("set local synchronous_commit = off");
        }
    }

    @Override
    public void acknowledge(Collection<UUID> ids) throws SQLException {
        if (!ids.isEmpty()) {
            inTransaction(c -> record(c, ids));
        }
    }

    /** By seq when the writer gave every one (the array insert's {@code returning seq}), else by ce_id. */
    @Override
    public void acknowledge(List<UUID> ids, long[] seqs) throws SQLException {
        if (ids.isEmpty() || java.util.Arrays.stream(seqs).anyMatch(seq -> seq < 0)) {
            acknowledge(ids);
            return;
        }
        inTransaction(c -> recordClaimed(c, seqs));
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(Work work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public Backlog backlog() throws SQLException {
        // the oldest by seq: the pending index gives it in one probe (created_at follows seq up to commit skew)
        String oldestSql = "(select created_at from telops_outbox where published_at is null order by seq limit 1)";
        if (!depthFromStatistics) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement st = c.prepareStatement("select (select count(*) from telops_outbox where published_at is null), "
                         + oldestSql);
                 ResultSet rs = st.executeQuery()) {
                rs.next();
                return new Backlog(rs.getLong(1), oldest(rs, 2));
            }
        }
        // in seq order, so an index walk that stops after the limit, not a scan of every dead row of the table
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("select (select count(*) from (select 1 from telops_outbox "
                     + "where published_at is null order by seq limit ?) pending), "
                     + "(select coalesce(sum(n_live_tup), 0) from pg_stat_user_tables where relname = 'telops_outbox' "
                     + "and schemaname = current_schema()), " + oldestSql)) {
            st.setInt(1, exactDepthUpTo + 1);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                long counted = rs.getLong(1);
                long depth = counted <= exactDepthUpTo ? counted : Math.max(counted, rs.getLong(2));
                return new Backlog(depth, oldest(rs, 3));
            }
        }
    }

    private static Optional<Instant> oldest(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    @Override
    public long purge(Instant cutoff, int batch) throws SQLException {
        long total = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(PURGE)) {
            c.setAutoCommit(true); // each batch commits on its own: locks and WAL per batch stay small
            st.setTimestamp(1, Timestamp.from(cutoff));
            st.setInt(2, batch);
            int deleted;
            do {
                deleted = st.executeUpdate();
                total += deleted;
            } while (deleted == batch);
        }
        return total;
    }

    private final class PgClaim implements Claim {
        private final Connection connection;
        private final List<OutboxEvent> events;
        private final Map<UUID, Long> seqs;

        PgClaim(Connection connection, List<OutboxEvent> events, Map<UUID, Long> seqs) {
            this.connection = connection;
            this.events = events;
            this.seqs = seqs;
        }

        @Override
        public List<OutboxEvent> events() {
            return events;
        }

        @Override
        public void acknowledged(Collection<UUID> ids) throws SQLException {
            recordClaimed(connection, ids.stream().mapToLong(seqs::get).toArray());
            connection.commit();
        }

        @Override
        public void close() throws SQLException {
            try {
                connection.rollback(); // nothing after a commit; releases the locks of rows not acknowledged
            } finally {
                connection.close();
            }
        }
    }
}
