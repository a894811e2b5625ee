package io.telops.ingest.outbox;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

/**
 * Hands out raw_push ids without a round trip per push: the sequence steps by a block (V2 migration), each
 * {@code nextval} reserves the whole block for this instance. Ids stay unique across writers and replicas; a restart
 * leaves a gap, which nothing relies on.
 *
 * <p>Two callers: the group commit's writer, which may wait for a block inside its transaction, and the Kafka path,
 * which runs on an HTTP event loop and must never wait: {@link #tryNext} takes an id from the current block or the
 * spare one reserved ahead in the background, and says "none" rather than block.
 */
public final class RawIds {
    private static final Logger LOG = Logger.getLogger(RawIds.class);

    private final DataSource dataSource;
    private final ExecutorService prefetcher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "raw-id-prefetch");
        t.setDaemon(true);
        return t;
    });
    private long next;
    private long end;
    private long block;
    /** Start of a block reserved ahead, or -1. */
    private long spare = -1;
    private boolean prefetching;

    RawIds(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Stops the background reservations (the application is stopping). */
    void close() {
        prefetcher.shutdownNow();
    }

    /** The next id, reserving a block in the caller's connection when none is left. */
    long next(Connection c) throws SQLException {
        OptionalLong id = tryNext();
        if (id.isPresent()) {
            return id.getAsLong();
        }
        // outside the lock: an event loop asking meanwhile hears "none" instead of waiting for this round trip
        long reserved = reserve(c);
        synchronized (this) {
            if (next >= end) {
                begin(reserved);
            } else if (spare < 0) {
                spare = reserved;
            }
            return next++;
        }
    }

    /** The next id if one is at hand; never blocks. An empty answer starts a reservation in the background. */
    public synchronized OptionalLong tryNext() {
        if (next >= end && !takeSpare()) {
            prefetch();
            return OptionalLong.empty();
        }
        prefetchIfLow();
        return OptionalLong.of(next++);
    }

    /** Reserves a block in the background if none is at hand, so that the first push need not wait for one. */
    public synchronized void reserveAhead() {
        if (next >= end && spare < 0) {
            prefetch();
        }
    }

    /** Whether an id can be handed out without a reservation (for tests). */
    synchronized boolean atHand() {
        return next < end || spare >= 0;
    }

    private boolean takeSpare() {
        if (spare < 0) {
            return false;
        }
        begin(spare);
        spare = -1;
        return true;
    }

    private void begin(long start) {
        next = start;
        end = start + block;
    }

    private void prefetchIfLow() {
        if (end - next < block / 2) {
            prefetch();
        }
    }

    private void prefetch() {
        if (spare >= 0 || prefetching) {
            return;
        }
        prefetching = true;
        prefetcher.execute(() -> {
            long reserved = -1;
            try (Connection c = dataSource.getConnection()) {
                reserved = reserve(c);
            } catch (SQLException e) {
                LOG.debugf("raw id block not reserved ahead: %s", e);
            }
            synchronized (this) {
                prefetching = false;
                spare = reserved;
            }
        });
    }

    private long reserve(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (block == 0) {
                try (ResultSet rs = s.executeQuery("select increment_by from pg_sequences where sequencename = 'raw_push_id_seq'")) {
                    long size = rs.next() ? Math.max(1, rs.getLong(1)) : 1;
                    synchronized (this) {
                        block = size;
                    }
                }
            }
            try (ResultSet rs = s.executeQuery("select nextval('raw_push_id_seq')")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
