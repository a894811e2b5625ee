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
                  double roundP50, double roundP99, long errors, String ledger, String phases) {
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
            for (int i = 0; i < results.size(); i += 2) {
                Result e = results.get(i);
                Result b = results.get(i + 1);
                out.append(String.format("ratio billing/echo at %d%s: throughput %.2f, auth p99 %.2f%n", b.concurrency(),
                        i == 4 ? " (paced 200/s)" : "", b.callsPerSecond() / e.callsPerSecond(), b.authP99() / e.authP99()));
            }
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

    private Result run(String name, int port, int concurrency, int pacedPerSecond, List<Account> accounts) throws Exception {
        io.micrometer.core.instrument.Timer queued = registry.find("telops.agi.blocking.wait").timer();
        io.micrometer.core.instrument.Timer work = registry.find("telops.agi.blocking.run").timer();
        double waitSum = queued.totalTime(TimeUnit.MILLISECONDS);
        long waitCount = queued.count();
        double workSum = work.totalTime(TimeUnit.MILLISECONDS);
        java.util.Map<String, double[]> phasesBefore = phases();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        AtomicLong errors = new AtomicLong();
        AtomicLong seq = new AtomicLong();
        List<Future<long[][]>> workers = new ArrayList<>();
        long intervalNanos = pacedPerSecond > 0 ? TimeUnit.SECONDS.toNanos(1) * concurrency / pacedPerSecond : 0;
        long start = System.nanoTime();
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
                        try (AsteriskStandIn ast = AsteriskStandIn.connect(port)) {
                            ast.start(Call.of("authorize", uid, account.clid, DEST));
                            ast.answerAll(cmd -> cmd.startsWith("GET VARIABLE") ? "200 result=0" : "200 result=1");
                        }
                        long t1 = System.nanoTime();
                        try (AsteriskStandIn ast = AsteriskStandIn.connect(port)) {
                            ast.start(Call.of("settle", uid, account.clid, "h"));
                            ast.answerAll(cmd -> cmd.startsWith("GET VARIABLE") ? "200 result=1 (30)" : "200 result=1");
                        }
                        long t2 = System.nanoTime();
                        samples.add(new long[] {t1 - t0, t2 - t0});
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
                return samples.toArray(new long[0][]);
            }));
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[][]> f : workers) {
            all.addAll(Arrays.asList(f.get(RUN_MILLIS + 60_000, TimeUnit.MILLISECONDS)));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
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
            for (String phase : new String[] {"connect", "lookup", "write+commit", "commit"}) {
                double[] d = delta(phasesBefore, phasesAfter, op + "/" + phase);
                if (d[1] > 0) {
                    phaseText.append(String.format(" %s %.2f (%.0f)", phase, d[0] / d[1], d[1]));
                }
            }
            phaseText.append(op.equals("authorise") ? "  |  " : "");
        }
        return new Result(name + (pacedPerSecond > 0 ? "@" + pacedPerSecond : ""), concurrency, all.size(), all.size() / seconds,
                pct(auth, 50), pct(auth, 99), pct(round, 50), pct(round, 99), errors.get(), ledger, phaseText.toString());
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
                            ? List.of("GET VARIABLE CDR(billsec)", "SET VARIABLE BILLING_CHARGED 1")
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
