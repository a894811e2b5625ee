package io.telops.outbox.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes a workload into {@code telops_outbox} as a service does: one event per transaction, committed durably
 * (synchronous_commit on), from several connections so that commits can share a WAL flush. Paced: event i is due at
 * start + i / rate; a writer that falls behind writes at once (the achieved rate is reported). Unpaced: as fast as the
 * connections go.
 */
final class Writer {
    private static final String INSERT = "insert into telops_outbox (id, topic, event_key, ce_type, payload, occurred_at) values (?, ?, ?, ?, ?, ?)";
    static final int CONNECTIONS = 8;

    /** Called on the writer's thread right after a commit (the raw producer baseline sends from here). */
    interface AfterCommit {
        void committed(Workload workload, int index, Instant occurredAt);
    }

    private final BenchInfrastructure infra;

    Writer(BenchInfrastructure infra) {
        this.infra = infra;
    }

    /** Writes every event of the workload; returns the elapsed nanoseconds. {@code rate} 0: unpaced. */
    long write(Workload w, int rate, AfterCommit after) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < CONNECTIONS; t++) {
            Thread thread = new Thread(() -> {
                try (Connection c = infra.connect(); PreparedStatement st = c.prepareStatement(INSERT)) {
                    c.setAutoCommit(false);
                    int i;
                    while ((i = next.getAndIncrement()) < w.size()) {
                        if (rate > 0) {
                            long due = start + (long) (i * 1e9 / rate);
                            long wait;
                            while ((wait = due - System.nanoTime()) > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                        Instant now = Instant.now();
                        insert(st, w, i, now);
                        c.commit();
                        w.committedAt[i] = System.nanoTime();
                        after.committed(w, i, now);
                    }
                } catch (SQLException | RuntimeException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "bench-writer-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("writer failed", failures.get(0));
        }
        return System.nanoTime() - start;
    }

    private static void insert(PreparedStatement st, Workload w, int i, Instant now) throws SQLException {
        st.setObject(1, w.ids[i]);
        st.setString(2, w.topic);
        st.setString(3, w.key(i));
        st.setString(4, Workload.TYPE);
        st.setString(5, w.payload(i, now));
        st.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
        st.executeUpdate();
    }
}
