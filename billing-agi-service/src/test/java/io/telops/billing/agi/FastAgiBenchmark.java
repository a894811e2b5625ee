package io.telops.billing.agi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.billing.BillingFixtures;
import io.telops.billing.agi.AsteriskStandIn.Call;
import io.telops.billing.ledger.Account;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;

/**
 * Not a test: {@code -Pbench} only. Authorise+settle round trips per second and latency percentiles of the
 * real FastAGI server (PostgreSQL ledger, outbox) against a minimal echo FastAGI server that speaks the same
 * command sequence without touching any store, both driven by the same Asterisk stand-in in the same run.
 */
@QuarkusTest
@Tag("bench")
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class FastAgiBenchmark {
    private static final String DEST = "4999123";
    private static final long RUN_MILLIS = Long.getLong("bench.millis", 8000);
    /**
     * A paced run first paces this long without recording, and starts after a quiet pause of the same length:
     * the previous (saturating) run has drained and the 200 client threads are running. What is measured is the
     * steady state at 200 calls/s; PostgreSQL's background work (checkpoints, autovacuum) is not excluded and its
     * deltas are printed with each run.
     */
    private static final long PACED_WARMUP_MILLIS = Long.getLong("bench.paced-warmup-millis", 2000);
    /** Diagnostic: a CHECKPOINT after the unpaced runs (four quiet runs: no effect on the paced p99 beyond noise). */
    /** At most this many discarded paced rounds wait for the JIT to settle before the measured paced runs. */
    private static final int JIT_ROUNDS = Integer.getInteger("bench.jit-rounds", 8);
    private static final boolean CHECKPOINT_BEFORE_PACED = Boolean.getBoolean("bench.checkpoint-before-paced");

    @Inject
    FastAgiServer server;
    @Inject
    BillingFixtures fixtures;
    @Inject
    Vertx vertx;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    record Result(String name, int concurrency, long calls, double callsPerSecond, double authP50, double authP99,
                  double roundP50, double roundP99, long errors, String ledger, String phases, String detail) {
        String row() {
            return String.format("%-11s %5d %8d %10.1f %9.2f %9.2f %9.2f %9.2f %6d  %s", name, concurrency, calls, callsPerSecond,
                    authP50, authP99, roundP50, roundP99, errors, ledger);
        }
    }

    @Test
    void authoriseAndSettleRoundTrips() throws Exception {
        fixtures.tariff("4999", 1, 1, 1, 0);
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            accounts.add(fixtures.account(1_000_000_000L));
        }
        String walSync = System.getProperty("bench.wal-sync-method", "");
        if (!walSync.isEmpty()) {
            // diagnostic only: another durable WAL flush method on the benchmark's own embedded server
            // (pick by pg_test_fsync on the target disk); the default leaves the server as testkit starts it
            try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
                st.execute("alter system set wal_sync_method = '" + walSync.replaceAll("[^a-z_]", "") + "'");
                st.execute("select pg_reload_conf()");
            }
            Thread.sleep(500);
        }
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            // diagnostic: WAL write and fsync times in pg_stat_io (two clock reads per WAL I/O)
            st.execute("alter system set track_wal_io_timing = on");
            // diagnostic: calls and time of each SQL and PL/pgSQL function (trigger functions included) per run
            st.execute("alter system set track_functions = 'all'");
            st.execute("select pg_reload_conf()");
        }
        NetServer echo = echoServer();
        String loadBefore = loadAverage();
        try {
            List<Result> results = new ArrayList<>();
            run("billing", server.port(), 20, 0, accounts); // warm-up, discarded
            run("echo", echo.actualPort(), 20, 0, accounts);
            for (int concurrency : new int[] {50, 200}) {
                results.add(run("echo", echo.actualPort(), concurrency, 0, accounts));
                results.add(run("billing", server.port(), concurrency, 0, accounts));
            }
            // The unpaced runs wrote several times what 200 calls/s writes in the same time; vacuum that backlog now,
            // so that autovacuum catching up on it does not land in the paced window. Autovacuum triggered by the
            // paced run's own writes still does (its count is printed with the run), as it would in production.
            String jitSettling = settleJit(accounts);
            vacuumCallTables();
            // paced: 200 calls/s offered by 200 connections (one call per second each)
            results.add(run("echo", echo.actualPort(), 200, 200, accounts));
            results.add(run("billing", server.port(), 200, 200, accounts));

            StringBuilder out = new StringBuilder("\n=== FastAGI benchmark (ms; 'round' = authorise + settle sessions) ===\n");
            out.append(String.format("%-11s %5s %8s %10s %9s %9s %9s %9s %6s  %s%n", "server", "conc", "calls", "calls/s",
                    "auth p50", "auth p99", "round p50", "round p99", "errors", "ledger transactions on the AGI worker pool"));
            results.forEach(r -> out.append(r.row()).append('\n'));
            out.append("\nmean time per ledger transaction phase (ms) and SQL statements per transaction, COMMIT included:\n");
            results.stream().filter(r -> !r.phases().isEmpty())
                    .forEach(r -> out.append(String.format("%-11s %5d  %s%n", r.name(), r.concurrency(), r.phases())));
            out.append("\nper-phase percentiles (ms) of each run, and what PostgreSQL and the JVM did during it:\n");
            results.forEach(r -> out.append(r.detail()));
            out.append('\n');
            for (int i = 0; i < results.size(); i += 2) {
                Result e = results.get(i);
                Result b = results.get(i + 1);
                out.append(String.format("ratio billing/echo at %d%s: throughput %.2f, auth p99 %.2f%n", b.concurrency(),
                        i == results.size() - 2 ? " (paced 200/s)" : "", b.callsPerSecond() / e.callsPerSecond(), b.authP99() / e.authP99()));
            }
            out.append(jitSettling);
            out.append(String.format("%nload average (1/5/15 min) before: %s, after: %s; %d cores; service connections: "
                    + "synchronous_commit=%s, fsync=%s, wal_sync_method=%s, PostgreSQL %s%n", loadBefore, loadAverage(),
                    Runtime.getRuntime().availableProcessors(), show("synchronous_commit"), show("fsync"), show("wal_sync_method"),
                    show("server_version")));
            System.out.println(out);
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "fastagi-benchmark.txt"), out.toString());
        } finally {
            echo.close();
        }
    }

    /**
     * Paced billing rounds, discarded, until the JIT compilers are busy for less than 2 % of a round: the saturating
     * runs compile other paths (and C2 recompiles after them), and compiling on one of the two cores during the
     * measured window is a start-up cost, not the steady state of a switch that has been up for a day.
     */
    private String settleJit(List<Account> accounts) throws Exception {
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        StringBuilder rounds = new StringBuilder();
        for (int i = 0; i < JIT_ROUNDS; i++) {
            long before = jit.getTotalCompilationTime();
            long t0 = System.nanoTime();
            Result r = run("billing", server.port(), 200, 200, accounts);
            double share = (jit.getTotalCompilationTime() - before) / ((System.nanoTime() - t0) / 1e6);
            rounds.append(String.format(" %.1f%% (p99 %.2f)", 100 * share, r.authP99()));
            if (share < 0.02) {
                break;
            }
        }
        return String.format("%nJIT settling before the paced runs: paced billing rounds, JIT share of each round (auth p99 ms):%s%n", rounds);
    }

    private Result run(String name, int port, int concurrency, int pacedPerSecond, List<Account> accounts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long warmup = pacedPerSecond > 0 ? TimeUnit.MILLISECONDS.toNanos(PACED_WARMUP_MILLIS) : 0;
        if (warmup > 0) {
            Thread.sleep(PACED_WARMUP_MILLIS);
        }
        long end = System.nanoTime() + warmup + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        AtomicLong errors = new AtomicLong();
        AtomicLong seq = new AtomicLong();
        List<Future<long[][]>> workers = new ArrayList<>();
        java.util.Queue<long[]> segments = new java.util.concurrent.ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long intervalNanos = pacedPerSecond > 0 ? TimeUnit.SECONDS.toNanos(1) * concurrency / pacedPerSecond : 0;
        for (int w = 0; w < concurrency; w++) {
            Account account = accounts.get(w % accounts.size());
            long offset = intervalNanos > 0 ? intervalNanos * w / concurrency : 0;
            workers.add(pool.submit(() -> {
                List<long[]> samples = new ArrayList<>();
                long next = System.nanoTime() + offset;
                while (System.nanoTime() < end) {
                    if (intervalNanos > 0) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                        next += intervalNanos;
                    }
                    String uid = "bench." + seq.incrementAndGet() + "." + BillingFixtures.unique();
                    try {
                        long t0 = System.nanoTime();
                        long[] marks = new long[SEGMENTS.length + 1];
                        int[] n = {0};
                        marks[n[0]++] = t0;
                        try (AsteriskStandIn ast = AsteriskStandIn.connect(port)) {
                            ast.start(Call.of("authorize", uid, account.clid, DEST));
                            ast.answerAll(cmd -> cmd.startsWith("GET VARIABLE") ? "200 result=0" : "200 result=1",
                                    at -> {
                                        if (n[0] < marks.length) {
                                            marks[n[0]++] = at;
                                        }
                                    });
                        }
                        long t1 = System.nanoTime();
                        if (n[0] == marks.length && t0 - start >= warmup) {
                            long[] seg = new long[SEGMENTS.length + 2];
                            for (int k = 0; k < SEGMENTS.length; k++) {
                                seg[k] = marks[k + 1] - marks[k];
                            }
                            seg[SEGMENTS.length] = t1 - t0;
                            seg[SEGMENTS.length + 1] = t0 - start;
                            segments.add(seg);
                        }
                        try (AsteriskStandIn ast = AsteriskStandIn.connect(port)) {
                            ast.start(Call.of("settle", uid, account.clid, "h"));
                            ast.answerAll(cmd -> cmd.startsWith("GET FULL VARIABLE") ? AsteriskStandIn.settleReply(30) : "200 result=1");
                        }
                        long t2 = System.nanoTime();
                        if (t0 - start >= warmup) {
                            samples.add(new long[] {t1 - t0, t2 - t0});
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                return samples.toArray(new long[0][]);
            }));
        }
        long measuring = start + warmup - System.nanoTime();
        if (measuring > 0) {
            TimeUnit.NANOSECONDS.sleep(measuring); // the server-side counters start with the measured window too
        }
        io.micrometer.core.instrument.Timer queued = registry.find("telops.agi.blocking.wait").timer();
        io.micrometer.core.instrument.Timer work = registry.find("telops.agi.blocking.run").timer();
        double waitSum = queued.totalTime(TimeUnit.MILLISECONDS);
        long waitCount = queued.count();
        double workSum = work.totalTime(TimeUnit.MILLISECONDS);
        java.util.Map<String, double[]> phasesBefore = phases();
        java.util.Map<String, long[]> histogramsBefore = histograms();
        java.util.Map<String, Double> pgBefore = pgStats();
        java.util.Map<String, double[]> functionsBefore = functionStats();
        long[] gcBefore = gcTotals();
        MachineLoad loadBefore = MachineLoad.now();
        gcPauses.clear();
        List<long[]> all = new ArrayList<>();
        for (Future<long[][]> f : workers) {
            all.addAll(Arrays.asList(f.get(RUN_MILLIS + PACED_WARMUP_MILLIS + 60_000, TimeUnit.MILLISECONDS)));
        }
        double seconds = (System.nanoTime() - start - warmup) / 1e9;
        String machine = MachineLoad.now().since(loadBefore) + String.format("; window %.3f-%.3f s (CLOCK_MONOTONIC, as perf -k mono)",
                loadBefore.nanos() / 1e9, System.nanoTime() / 1e9);
        pool.shutdownNow();
        long[] auth = all.stream().mapToLong(s -> s[0]).sorted().toArray();
        long[] round = all.stream().mapToLong(s -> s[1]).sorted().toArray();
        long txs = queued.count() - waitCount;
        String ledger = txs == 0 ? "-" : String.format("%d tx, mean wait %.2f ms, mean run %.2f ms", txs,
                (queued.totalTime(TimeUnit.MILLISECONDS) - waitSum) / txs, (work.totalTime(TimeUnit.MILLISECONDS) - workSum) / txs);
        java.util.Map<String, double[]> phasesAfter = phases();
        StringBuilder phaseText = new StringBuilder();
        for (String op : new String[] {"authorise", "settle"}) {
            double[] statements = delta(phasesBefore, phasesAfter, op + "/statements");
            double[] opened = delta(phasesBefore, phasesAfter, op + "/connect");
            if (opened[1] == 0) {
                continue;
            }
            phaseText.append(String.format("%s: %.0f tx, %.1f statements/tx;", op, opened[1], statements[0] / opened[1]));
            for (String phase : new String[] {"connect", "lookup", "write+commit", "authorise+commit", "commit"}) {
                double[] d = delta(phasesBefore, phasesAfter, op + "/" + phase);
                if (d[1] > 0) {
                    phaseText.append(String.format(" %s %.2f (%.0f)", phase, d[0] / d[1], d[1]));
                }
            }
            phaseText.append(op.equals("authorise") ? "  |  " : "");
        }
        String label = name + (pacedPerSecond > 0 ? "@" + pacedPerSecond : "");
        java.util.Map<String, long[]> histogramsAfter = histograms();
        Thread.sleep(1200); // backends flush their I/O statistics about once a second when idle
        String detail = detail(label, concurrency, start, new ArrayList<>(segments), histogramsBefore, histogramsAfter, pgBefore, pgStats(),
                gcBefore, gcTotals(), new ArrayList<>(gcPauses)) + functions(functionsBefore, functionStats(), all.size())
                + "  machine: " + machine + "\n";
        return new Result(label, concurrency, all.size(), all.size() / seconds,
                pct(auth, 50), pct(auth, 99), pct(round, 50), pct(round, 99), errors.get(), ledger, phaseText.toString(), detail);
    }

    /** op/phase -> {total ms, count} of the ledger phase timers; op/statements -> {statements, 0}. */
    private java.util.Map<String, double[]> phases() {
        java.util.Map<String, double[]> m = new java.util.HashMap<>();
        registry.find("telops.billing.ledger.phase").timers().forEach(t -> m.put(t.getId().getTag("op") + "/" + t.getId().getTag("phase"),
                new double[] {t.totalTime(TimeUnit.MILLISECONDS), t.count()}));
        registry.find("telops.billing.ledger.statements").counters().forEach(c -> m.put(c.getId().getTag("op") + "/statements",
                new double[] {c.count(), 0}));
        return m;
    }

    private static double[] delta(java.util.Map<String, double[]> before, java.util.Map<String, double[]> after, String key) {
        double[] b = before.getOrDefault(key, new double[2]);
        double[] a = after.getOrDefault(key, new double[2]);
        return new double[] {a[0] - b[0], a[1] - b[1]};
    }

    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    private String show(String setting) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** The client-side segments of an authorise session, in wire order (the stand-in answers each command at once). */
    private static final String[] SEGMENTS = {"connect+headers->GET VARIABLE", "GET reply->SET RESULT (ledger)",
            "SET RESULT rtt", "SET MAX rtt", "EXEC Dial reply->close"};
    /** GC pause durations (ms) reported by the JVM during the current run (client and server share this JVM). */
    private static final java.util.Queue<String> gcPauses = new java.util.concurrent.ConcurrentLinkedQueue<>();

    static {
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof javax.management.NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                                (javax.management.openmbean.CompositeData) notification.getUserData());
                        gcPauses.add(info.getGcName() + "/" + info.getGcCause() + "=" + info.getGcInfo().getDuration());
                    }
                }, null, null);
            }
        }
    }

    private static long[] gcTotals() {
        long count = 0;
        long millis = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /** Timer name+tags -> {bucket upper bounds (ns)..., then counts...} of the server's percentile-histogram timers. */
    private java.util.Map<String, double[]> histogramsRaw() {
        java.util.Map<String, double[]> m = new java.util.TreeMap<>();
        for (String name : new String[] {"telops.agi.blocking.wait", "telops.agi.blocking.run", "telops.billing.ledger.phase",
                "telops.agi.command.reply"}) {
            for (io.micrometer.core.instrument.Timer t : registry.find(name).timers()) {
                var snapshot = t.takeSnapshot();
                var buckets = snapshot.histogramCounts();
                double[] v = new double[buckets.length * 2 + 1];
                v[0] = snapshot.count();
                for (int i = 0; i < buckets.length; i++) {
                    v[1 + i] = buckets[i].bucket(TimeUnit.NANOSECONDS);
                    v[1 + buckets.length + i] = buckets[i].count();
                }
                StringBuilder key = new StringBuilder(name.replace("telops.", ""));
                t.getId().getTags().forEach(tag -> key.append(' ').append(tag.getValue()));
                m.put(key.toString(), v);
            }
        }
        return m;
    }

    private java.util.Map<String, long[]> histograms() {
        java.util.Map<String, long[]> m = new java.util.TreeMap<>();
        histogramsRaw().forEach((k, v) -> {
            long[] l = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                l[i] = (long) v[i];
            }
            m.put(k, l);
        });
        return m;
    }

    /** p-th percentile (ms) of the samples recorded between two snapshots, interpolated inside its bucket. */
    private static String histPct(long[] before, long[] after, double p) {
        int n = (after.length - 1) / 2;
        long total = after[0] - (before == null ? 0 : before[0]);
        if (total <= 0) {
            return "-";
        }
        double[] d = new double[n];
        boolean monotone = true;
        for (int i = 0; i < n; i++) {
            d[i] = after[1 + n + i] - (before == null || before.length != after.length ? 0 : before[1 + n + i]);
            if (i > 0 && d[i] < d[i - 1]) {
                monotone = false;
            }
        }
        if (!monotone) { // per-bucket counts: make them cumulative
            for (int i = 1; i < n; i++) {
                d[i] += d[i - 1];
            }
        }
        double target = p * total;
        for (int i = 0; i < n; i++) {
            if (d[i] >= target) {
                double lo = i == 0 ? 0 : after[i];
                double below = i == 0 ? 0 : d[i - 1];
                double hi = after[1 + i];
                double f = d[i] == below ? 1 : (target - below) / (d[i] - below);
                return String.format("%.2f", (lo + f * (hi - lo)) / 1e6);
            }
        }
        return ">60000";
    }

    private void vacuumCallTables() throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("vacuum (analyze) account, reservation, ledger_entry, telops_outbox, cdr");
            if (Boolean.getBoolean("bench.autovacuum-off")) {
                // diagnostic only: is autovacuum of the call tables the paced run's tail?
                for (String table : List.of("account", "reservation", "ledger_entry", "telops_outbox", "cdr")) {
                    st.execute("alter table " + table + " set (autovacuum_enabled = false)");
                }
            }
            if (CHECKPOINT_BEFORE_PACED) {
                // diagnostic: start the paced window right after a checkpoint (full-page images follow, no dirty backlog)
                st.execute("checkpoint");
            }
        }
    }

    /** Cumulative PostgreSQL counters: checkpoints, WAL, WAL I/O (needs track_wal_io_timing for times), bgwriter, autovacuum. */
    private java.util.Map<String, Double> pgStats() {
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        String[] queries = {
                "select num_timed + num_requested as checkpoints, write_time as ckpt_write_ms, sync_time as ckpt_sync_ms, "
                        + "buffers_written as ckpt_buffers from pg_stat_checkpointer",
                "select wal_records, wal_fpi, wal_bytes, wal_buffers_full from pg_stat_wal",
                "select coalesce(sum(writes), 0) as wal_writes, coalesce(sum(write_time), 0) as wal_write_ms, "
                        + "coalesce(sum(fsyncs), 0) as wal_fsyncs, coalesce(sum(fsync_time), 0) as wal_fsync_ms, "
                        // new 16 MB WAL segments zero-filled while commits wait (context 'init', PostgreSQL 18)
                        + "coalesce(sum(writes) filter (where context = 'init'), 0) as wal_init_writes, "
                        + "coalesce(sum(write_time) filter (where context = 'init'), 0) as wal_init_ms "
                        + "from pg_stat_io where object = 'wal'",
                "select buffers_clean as bgwriter_clean from pg_stat_bgwriter",
                "select coalesce(sum(autovacuum_count + autoanalyze_count), 0) as autovacuums from pg_stat_all_tables"};
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement()) {
            for (String q : queries) {
                try (java.sql.ResultSet rs = st.executeQuery(q)) {
                    rs.next();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        m.put(rs.getMetaData().getColumnLabel(i), rs.getDouble(i));
                    }
                }
            }
        } catch (java.sql.SQLException e) {
            m.put("error: " + e.getMessage(), 0.0);
        }
        return m;
    }

    /** Function name -> {calls, total ms, self ms} from pg_stat_user_functions (track_functions = all). */
    private java.util.Map<String, double[]> functionStats() {
        java.util.Map<String, double[]> m = new java.util.TreeMap<>();
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select funcname, calls, total_time, self_time from pg_stat_user_functions")) {
            while (rs.next()) {
                m.merge(rs.getString(1), new double[] {rs.getLong(2), rs.getDouble(3), rs.getDouble(4)},
                        (a, b) -> new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]});
            }
        } catch (java.sql.SQLException e) {
            m.put("error: " + e.getMessage(), new double[3]);
        }
        return m;
    }

    /** Per measured call: how often each database function ran and its own time (inlined SQL functions do not show). */
    private static String functions(java.util.Map<String, double[]> before, java.util.Map<String, double[]> after, long calls) {
        StringBuilder b = new StringBuilder();
        after.forEach((name, a) -> {
            double[] z = before.getOrDefault(name, new double[3]);
            double n = a[0] - z[0];
            if (n > 0 && calls > 0) {
                b.append(String.format(" %s %.2f x, self %.1f us, total %.1f us;", name, n / calls, 1000 * (a[2] - z[2]) / n,
                        1000 * (a[1] - z[1]) / n));
            }
        });
        return b.length() == 0 ? "" : "  database functions per call (runs, then time per run):" + b + "\n";
    }

    private String detail(String label, int concurrency, long runStart, List<long[]> segments, java.util.Map<String, long[]> hBefore,
                          java.util.Map<String, long[]> hAfter, java.util.Map<String, Double> pgBefore,
                          java.util.Map<String, Double> pgAfter, long[] gcBefore, long[] gcAfter, List<String> pauses) {
        StringBuilder b = new StringBuilder(String.format("%-11s %5d%n", label, concurrency));
        if (!segments.isEmpty()) {
            int total = SEGMENTS.length;
            long[] auth = segments.stream().mapToLong(x -> x[total]).sorted().toArray();
            double cut = pct(auth, 99);
            b.append("  client, authorise session segments p50/p99/max:");
            for (int k = 0; k < total; k++) {
                int kk = k;
                long[] v = segments.stream().mapToLong(x -> x[kk]).sorted().toArray();
                b.append(String.format(" %s %.2f/%.2f/%.2f;", SEGMENTS[k], pct(v, 50), pct(v, 99), v[v.length - 1] / 1e6));
            }
            List<long[]> slow = segments.stream().filter(x -> x[total] / 1e6 >= cut).toList();
            b.append(String.format("%n  the slowest 1%% (%d sessions >= %.2f ms), mean segments:", slow.size(), cut));
            for (int k = 0; k < total; k++) {
                int kk = k;
                b.append(String.format(" %.2f", slow.stream().mapToLong(x -> x[kk]).average().orElse(0) / 1e6));
            }
            java.util.TreeMap<Long, Integer> bySecond = new java.util.TreeMap<>();
            slow.forEach(x -> bySecond.merge(x[total + 1] / 1_000_000_000L, 1, Integer::sum));
            b.append("; started at second (count): ").append(bySecond).append('\n');
            if (Boolean.getBoolean("bench.slow-starts")) { // diagnostic: to line the slow sessions up with a perf -k mono recording
                b.append("  slowest 1% started at (CLOCK_MONOTONIC s):");
                slow.forEach(x -> b.append(String.format(" %.3f", (runStart + x[total + 1]) / 1e9)));
                b.append('\n');
            }
        }
        StringBuilder server = new StringBuilder();
        hAfter.forEach((k, v) -> {
            long[] before = hBefore.get(k);
            long n = v[0] - (before == null ? 0 : before[0]);
            if (n > 0) {
                server.append(String.format(" %s %s/%s (%d);", k, histPct(before, v, 0.5), histPct(before, v, 0.99), n));
            }
        });
        if (server.length() > 0) {
            b.append("  server p50/p99 (count):").append(server).append('\n');
        }
        StringBuilder pg = new StringBuilder();
        pgAfter.forEach((k, v) -> pg.append(String.format(" %s %.0f", k, v - pgBefore.getOrDefault(k, 0.0))));
        b.append("  postgres deltas:").append(pg).append('\n');
        List<Long> ms = new ArrayList<>();
        pauses.forEach(p -> ms.add(Long.parseLong(p.substring(p.lastIndexOf('=') + 1))));
        b.append(String.format("  jvm: %d GCs, %d ms total, longest %d ms %s%n", gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1],
                ms.stream().mapToLong(Long::longValue).max().orElse(0), pauses.size() > 8 ? pauses.subList(0, 8) + "..." : pauses));
        return b.toString();
    }

    /** The baseline: speaks the same AGI command sequence as the real scripts, with no ledger behind it. */
    private NetServer echoServer() throws Exception {
        return vertx.createNetServer().connectHandler(this::echo).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void echo(NetSocket socket) {
        List<String> script = new ArrayList<>();
        int[] next = {0};
        boolean[] headersDone = {false};
        RecordParser parser = RecordParser.newDelimited("\n", line -> {
            String text = line.toString(StandardCharsets.UTF_8);
            if (!headersDone[0]) {
                if (text.startsWith("agi_network_script: ")) {
                    script.addAll(text.endsWith("settle")
                            ? List.of(AsteriskStandIn.SETTLE_READ, "SET VARIABLE BILLING_CHARGED 1")
                            : List.of("GET VARIABLE IMSI", "SET VARIABLE BILLING_RESULT AUTHORISED",
                                    "SET VARIABLE BILLING_MAX_SECONDS 3600", "EXEC Dial PJSIP/" + DEST + ",60,L(3600000:60000)"));
                }
                if (!text.isEmpty()) {
                    return;
                }
                headersDone[0] = true;
            }
            if (next[0] < script.size()) {
                socket.write(script.get(next[0]++) + "\n");
            } else {
                socket.close();
            }
        });
        socket.handler(parser);
    }

}
