package io.telops.ingest.outbox;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

import io.telops.ingest.Samples;
import io.telops.ingest.polycom.PolycomEventParser;
import io.telops.ingest.polycom.PushEntry;
import io.telops.outbox.Outbox;
import io.telops.outbox.OutboxConfig;
import io.telops.outbox.OutboxEvent;
import io.telops.outbox.OutboxSchema;
import io.telops.outbox.PostgresOutboxStore;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.PostgresServer;

/**
 * CPU of the PostgreSQL side of a push, without HTTP, Kafka or a load generator competing: the group commit's
 * statement and COMMIT (writer thread + its backend) and the relay's delete of the same rows (its backend, async
 * commit), for groups of the size the 64-connection phase produces. Variants alternate within one run on fresh
 * databases: the events in platform/outbox's {@code telops_outbox} (since V6) with and without its unique ce_id index
 * and its partial pending index, deleted by ce_id or by seq, and without the outbox rows (what a raw_push-only design
 * would cost); {@code -Dbench.store.variants=ABF} picks variants by letter. The figures of the
 * service's own outbox table (V3, V4) are in docs/benchmarks/event-ingest-service.md. CPU from /proc (Linux), per push.
 *
 * <pre>./mvnw -B -o -Pbench -pl event-ingest-service -am verify -Dtest='io/telops/ingest/outbox/StoreCostBenchmark' -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@ExtendWith(InfrastructureExtension.class)
class StoreCostBenchmark {
    static final int GROUP = Integer.getInteger("bench.store.group", 28);
    static final int GROUPS = Integer.getInteger("bench.store.groups", 1_500);
    static final int WARMUP = Integer.getInteger("bench.store.warmup", 300);
    static final int REPEATS = Integer.getInteger("bench.store.repeats", 4);
    static final double TICK_NANOS = 1e9 / 100;

    /**
     * One way to keep the outbox: DDL applied to platform/outbox's table after its migrations, whether the insert
     * skips ids already there ({@code on conflict (id) do nothing}, needs the unique index), whether the relay deletes
     * acknowledged rows by {@code seq} (the primary key) or by ce_id, and whether pushes write outbox rows at all.
     */
    record Variant(String name, List<String> ddl, String insert, boolean deleteBySeq, boolean outboxRows) {
    }

    static final String ON_CONFLICT = Outbox.INSERT_ARRAYS;
    static final String PLAIN = Outbox.INSERT_ARRAYS.replace(Outbox.SKIP_DUPLICATES, "");
    /** Ids already there filtered by a probe of the unique index, not by ON CONFLICT's speculative insertion. */
    static final String NOT_EXISTS = PLAIN.replace("select * from unnest(", "select u.* from unnest(")
            + " as u(id, topic, event_key, ce_type, payload, occurred_at, traceparent) "
            + "where not exists (select 1 from telops_outbox o where o.id = u.id)";

    static final String NO_PENDING_INDEX = "drop index telops_outbox_pending";
    static final String NO_UNIQUE_ID = "alter table telops_outbox drop constraint telops_outbox_id_key";

    @Test
    void storeCostPerPush(PostgresServer postgres) throws Exception {
        List<Variant> all = List.of(
                new Variant("A telops_outbox V2 (baseline)", List.of(), ON_CONFLICT, false, true),
                new Variant("B  - pending index", List.of(NO_PENDING_INDEX), ON_CONFLICT, false, true),
                new Variant("C  delete by seq", List.of(), ON_CONFLICT, true, true),
                new Variant("D  - unique id, delete by seq", List.of(NO_UNIQUE_ID), PLAIN, true, true),
                new Variant("E  - both indexes, delete by seq", List.of(NO_PENDING_INDEX, NO_UNIQUE_ID), PLAIN, true, true),
                // what a design without an outbox row per pushed event would leave: raw_push only, nothing to delete
                new Variant("F raw_push rows only (no outbox)", List.of(), PLAIN, false, false),
                new Variant("G  plain insert (no on conflict)", List.of(), PLAIN, false, true),
                new Variant("H  not-exists probe, no on conflict", List.of(), NOT_EXISTS, false, true),
                new Variant("I  H - pending index, delete by seq", List.of(NO_PENDING_INDEX), NOT_EXISTS, true, true));
        String only = System.getProperty("bench.store.variants", "");
        List<Variant> variants = all.stream().filter(v -> only.isBlank() || only.contains(v.name().substring(0, 1))).toList();
        PolycomEventParser parser = new PolycomEventParser(262_144, 500);
        List<PushStore.Push> pushes = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String mac = String.format("0004F2%06X", 0xB00000 + i % 500);
            String burst = Samples.callBurst(mac, i);
            String inner = burst.substring("<PolycomIPPhone>".length(), burst.length() - "</PolycomIPPhone>".length());
            String[] events = inner.split("(?=<(OffHookEvent|OutgoingCallEvent|CallStateChangeEvent|OnHookEvent)[ >])");
            byte[] body = ("<PolycomIPPhone>" + events[i % events.length] + "</PolycomIPPhone>").getBytes(StandardCharsets.UTF_8);
            List<PushEntry> entries = parser.parse(new java.io.ByteArrayInputStream(body), "127.0.0.1", Instant.now());
            pushes.add(new PushStore.Push("127.0.0.1", Optional.of("application/xml"), body, entries));
        }
        List<String> report = new ArrayList<>();
        int n = 0;
        for (int r = 0; r < REPEATS; r++) {
            // odd rounds in reverse order, so a drift of the machine's load or the JIT does not favour one variant
            List<Variant> order = new ArrayList<>(variants);
            if (r % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Variant v : order) {
                report.add(run(postgres, "store_cost_" + (n++), v, pushes));
            }
        }
        System.out.println("\n=== event-ingest-service store cost (groups of " + GROUP + " single-event pushes, " + GROUPS
                + " groups per variant, CPU us per push) ===");
        System.out.println("load average: " + Files.readString(Path.of("/proc/loadavg")).strip());
        report.forEach(System.out::println);
    }

    private String run(PostgresServer postgres, String database, Variant v, List<PushStore.Push> pushes) throws Exception {
        String url = postgres.createDatabase(database);
        PGSimpleDataSource plain = new PGSimpleDataSource();
        plain.setUrl(url);
        plain.setUser(PostgresServer.USER);
        plain.setPassword(PostgresServer.PASSWORD);
        Flyway.configure().dataSource(plain).locations("classpath:db/migration").load().migrate();
        OutboxSchema.migrate(plain);
        try (Connection writerConnection = plain.getConnection(); Connection relayConnection = plain.getConnection()) {
            try (Statement s = writerConnection.createStatement()) {
                for (String ddl : v.ddl()) {
                    s.execute(ddl);
                }
            }
            PushStore store = new PushStore(single(writerConnection, plain), v.insert());
            PostgresOutboxStore relayStore = new PostgresOutboxStore(single(relayConnection, plain), OutboxConfig.Claiming.LEADER, 4573001, false);
            long writerPid = backendPid(writerConnection);
            long relayPid = backendPid(relayConnection);
            long postmaster = Long.parseLong(stat(writerPid)[1]);
            AtomicReference<PushStore.Inserted> handed = new AtomicReference<>();
            Relay relay = new Relay(relayStore, v.deleteBySeq());
            int next = 0;
            for (int g = 0; g < WARMUP; g++) {
                next = group(store, relay, pushes, next, handed, v.outboxRows());
            }
            var threads = ManagementFactory.getThreadMXBean();
            long javaBefore = threads.getCurrentThreadCpuTime();
            long writerBefore = cpu(writerPid);
            long relayBefore = cpu(relayPid);
            long otherBefore = otherPostgres(postmaster, writerPid, relayPid);
            String walBefore = walPosition(writerConnection);
            long wallBefore = System.nanoTime();
            for (int g = 0; g < GROUPS; g++) {
                next = group(store, relay, pushes, next, handed, v.outboxRows());
            }
            double wall = (System.nanoTime() - wallBefore) / 1e9;
            double walBytes = walBytesSince(writerConnection, walBefore) / (GROUPS * (double) GROUP);
            double per = GROUPS * (double) GROUP * 1e3;
            double java = (threads.getCurrentThreadCpuTime() - javaBefore) / per;
            double writer = (cpu(writerPid) - writerBefore) / per;
            double relayCpu = (cpu(relayPid) - relayBefore) / per;
            double other = (otherPostgres(postmaster, writerPid, relayPid) - otherBefore) / per;
            long left;
            try (Statement s = writerConnection.createStatement(); ResultSet rs = s.executeQuery("select count(*) from telops_outbox")) {
                rs.next();
                left = rs.getLong(1);
            }
            return String.format("%-38s writer+relay Java=%5.1f  writer backend=%5.1f  relay backend=%5.1f  other pg=%5.1f  TOTAL=%5.1f  WAL=%5.0f B  (%.1f s, %d rows left)",
                    v.name(), java, writer, relayCpu, other, java + writer + relayCpu + other, walBytes, wall, left);
        }
    }

    /** The relay's delete of acknowledged rows: by ce_id (before), or by the seq the group statement returned. */
    private record Relay(PostgresOutboxStore store, boolean bySeq) {
        void acknowledge(PushStore.Inserted inserted) throws Exception {
            List<java.util.UUID> ids = inserted.events().stream().map(OutboxEvent::id).toList();
            if (bySeq) {
                store.acknowledge(ids, inserted.seqs());
            } else {
                store.acknowledge(ids);
            }
        }
    }

    /** One group commit, then the relay's delete of the handed-over rows (async commit), as in production. */
    private static int group(PushStore store, Relay relay, List<PushStore.Push> pushes, int next,
                             AtomicReference<PushStore.Inserted> handed, boolean outboxRows) throws Exception {
        List<PushStore.Push> batch = new ArrayList<>(GROUP);
        for (int i = 0; i < GROUP; i++) {
            batch.add(pushes.get((next + i) % pushes.size()));
        }
        if (!outboxRows) {
            rawOnly(store, batch);
            return (next + GROUP) % pushes.size();
        }
        store.acceptAll(batch, (a, b, c) -> { }, handed::set);
        relay.acknowledge(handed.get());
        return (next + GROUP) % pushes.size();
    }

    private static long rawIds = 1;

    /** The raw_push part of the group statement alone, bound the same way, one transaction per group. */
    private static void rawOnly(PushStore store, List<PushStore.Push> batch) throws Exception {
        try (Connection c = store.connection()) {
            c.setAutoCommit(false);
            long[] ids = new long[batch.size()];
            String[] remotes = new String[batch.size()];
            String[] types = new String[batch.size()];
            byte[][] bodies = new byte[batch.size()][];
            int[] counts = new int[batch.size()];
            int[] zeros = new int[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                ids[i] = rawIds++;
                remotes[i] = batch.get(i).remoteAddress();
                types[i] = batch.get(i).contentType().orElse(null);
                bodies[i] = batch.get(i).body();
                counts[i] = batch.get(i).entries().size();
            }
            try (var ps = c.prepareStatement("insert into raw_push (id, remote_address, content_type, body, recognised_count, "
                    + "unrecognised_count, invalid_count) select * from unnest(?::bigint[], ?::text[], ?::text[], ?::bytea[], ?::int[], ?::int[], ?::int[])")) {
                ps.setObject(1, ids);
                ps.setObject(2, remotes);
                ps.setObject(3, types);
                ps.setObject(4, bodies);
                ps.setObject(5, counts);
                ps.setObject(6, zeros);
                ps.setObject(7, zeros);
                ps.executeUpdate();
            }
            c.commit();
        }
    }

    /**
     * A DataSource over one connection whose close() keeps it open (the store closes what it borrows), for the thread
     * that made it; other threads (the raw id block reserved ahead) get their own connection of {@code others}.
     */
    private static DataSource single(Connection connection, DataSource others) {
        Thread owner = Thread.currentThread();
        Connection keepOpen = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[]{Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        connection.setAutoCommit(true);
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return Thread.currentThread() == owner ? keepOpen : others.getConnection();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** WAL written per push is the figure the machine's load cannot move: every row, index entry and commit record. */
    private static String walPosition(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_current_wal_insert_lsn()::text")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long walBytesSince(Connection c, String before) throws Exception {
        try (var st = c.prepareStatement("select pg_wal_lsn_diff(pg_current_wal_insert_lsn(), ?::pg_lsn)::bigint")) {
            st.setString(1, before);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long backendPid(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Every other child of the postmaster (autovacuum, WAL writer, checkpointer...), plus exited children. */
    private static long otherPostgres(long postmaster, long writerPid, long relayPid) throws IOException {
        String[] pm = stat(postmaster);
        long sum = (long) ((Long.parseLong(pm[13]) + Long.parseLong(pm[14])) * TICK_NANOS);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                long pid = Long.parseLong(p.getFileName().toString());
                if (pid == writerPid || pid == relayPid) {
                    continue;
                }
                String[] f = stat(pid);
                if (f != null && Long.parseLong(f[1]) == postmaster) {
                    sum += cpu(pid);
                }
            }
        }
        return sum;
    }

    private static long cpu(long pid) {
        String[] f = stat(pid);
        return f == null ? 0 : (long) ((Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS);
    }

    /** Fields after the command: [1]=ppid, [11]=utime, [12]=stime, [13]=cutime, [14]=cstime. */
    private static String[] stat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid, "stat"));
            return s.substring(s.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
