package io.telops.outbox.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One run, one JVM: the raw-producer floor, the shared relay (polling, then with its hand-off), and Debezium's
 * embedded engine, each through the same phases on the same PostgreSQL and Kafka broker, then one table with the
 * figures and their ratios to the shared relay's. Sizes come from system properties so a smoke run can be short:
 * {@code bench.seconds} (per paced phase, default 30), {@code bench.burst} (default 10000), {@code bench.warmup} (5000).
 */
public final class OutboxBench {
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(600);
    /** Events sent before each turn is measured; on a starved machine 1,000 seemed to leave Debezium's code still being compiled in its first phase. */
    private static final int WARM_UP = Integer.getInteger("bench.warmup", 5_000);

    record Phase(String name, int rate, int events) {
    }

    private final BenchInfrastructure infra;
    private final int seconds;
    private final int burst;
    private final List<PhaseResult> results = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private CpuSample idle;

    OutboxBench(BenchInfrastructure infra, int seconds, int burst) {
        this.infra = infra;
        this.seconds = seconds;
        this.burst = burst;
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(Integer.getInteger("bench.seconds", 30), Integer.getInteger("bench.burst", 10_000)));
    }

    /** Runs everything and returns the report (also written to target/outbox-bench.md). */
    static String run(int seconds, int burst) throws Exception {
        try (BenchInfrastructure infra = BenchInfrastructure.start()) {
            OutboxBench bench = new OutboxBench(infra, seconds, burst);
            bench.all();
            String report = bench.report();
            Path out = Path.of("target", "outbox-bench.md");
            try {
                Files.createDirectories(out.getParent());
                Files.writeString(out, report);
            } catch (IOException e) {
                System.err.println("cannot write " + out + ": " + e);
            }
            return report;
        }
    }

    List<PhaseResult> results() {
        return results;
    }

    /**
     * Pipelines take turns within each phase (raw, shared, shared with hand-off, Debezium, then the next phase), each
     * started afresh on an empty table: the machine is shared, and turns spread a change in its load over all of them.
     */
    void all() throws Exception {
        notes.add("started " + Instant.now() + ", load average before: " + loadAverage());
        idle = measureIdle(Duration.ofSeconds(10));
        results.add(idleRow("(none: infrastructure only)", idle));
        List<Pipeline> pipelines = List.of(new RawProducer(infra.bootstrapServers()), new SharedRelay(infra, 0),
                new SharedRelay(infra, 10_000), new DebeziumRelay(infra, Duration.ofMillis(100)));
        for (Pipeline pipeline : pipelines) {
            turn(pipeline, () -> {
                CpuSample start = CpuSample.now(infra);
                Thread.sleep(10_000);
                results.add(idleRow(pipeline.name(), CpuSample.now(infra).minus(start)));
            });
        }
        List<Phase> phases = List.of(
                new Phase("paced 500/s", 500, 500 * seconds),
                new Phase("paced 2000/s", 2000, 2000 * seconds),
                new Phase("burst (unpaced)", 0, burst));
        for (Phase phase : phases) {
            for (Pipeline pipeline : pipelines) {
                turn(pipeline, () -> phase(pipeline, phase, true));
            }
        }
        for (Pipeline pipeline : List.of(pipelines.get(1), pipelines.get(3))) {
            turn(pipeline, () -> outage(pipeline));
        }
        notes.add("finished " + Instant.now() + ", load average after: " + loadAverage());
    }

    private interface Step {
        void run() throws Exception;
    }

    /** Empty table, pipeline started and warmed up (JIT, connections; not reported), the step, then everything of it closed. */
    private void turn(Pipeline pipeline, Step step) throws Exception {
        infra.resetOutbox();
        try (pipeline) {
            pipeline.start();
            phase(pipeline, new Phase("warm-up", 2000, WARM_UP), false);
            step.run();
        }
    }

    private void phase(Pipeline pipeline, Phase phase, boolean report) throws Exception {
        String topic = topic(pipeline, phase.name());
        infra.createTopics(List.of(topic));
        Workload w = new Workload(topic, phase.events());
        try (Receiver receiver = new Receiver(infra.bootstrapServers(), w)) {
            String walBefore = infra.queryString("select pg_current_wal_lsn()");
            CpuSample before = CpuSample.now(infra);
            long written = new Writer(infra).write(w, phase.rate(), pipeline);
            boolean all = receiver.awaitAll(DELIVERY_TIMEOUT);
            CpuSample used = CpuSample.now(infra).minus(before).lessIdle(idle);
            receiver.settle(Duration.ofMillis(500));
            // after the settle: the relay's deletes of the last batch are in too
            long wal = infra.queryLong("select pg_wal_lsn_diff(pg_current_wal_lsn(), '" + walBefore + "')::bigint");
            if (!report) {
                return;
            }
            double[] ms = PhaseResult.latencies(w);
            double n = phase.events();
            results.add(new PhaseResult(pipeline.name(), phase.name(), phase.events(), n / (written / 1e9),
                    receiver.received() / (used.wallNanos() / 1e9),
                    PhaseResult.percentile(ms, 0.50), PhaseResult.percentile(ms, 0.99), PhaseResult.percentile(ms, 1.0),
                    used.jvmNanos() / 1e3 / n, used.postgresNanos() / 1e3 / n, used.kafkaNanos() / 1e3 / n, wal / n,
                    receiver.duplicates(), all ? "" : "MISSING " + (phase.events() - receiver.received()) + " after " + DELIVERY_TIMEOUT.toSeconds() + " s"));
        }
    }

    /** 500/s for 25 s; the pipeline is down from 5 s to 15 s. What piles up, how long the catch-up takes, what comes twice. */
    private void outage(Pipeline pipeline) throws Exception {
        String topic = topic(pipeline, "outage");
        infra.createTopics(List.of(topic));
        Workload w = new Workload(topic, 500 * 25);
        try (Receiver receiver = new Receiver(infra.bootstrapServers(), w)) {
            CompletableFuture<Long> writing = CompletableFuture.supplyAsync(() -> {
                try {
                    return new Writer(infra).write(w, 500, pipeline);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(5_000);
            pipeline.stop();
            Thread.sleep(10_000);
            String retained = pipeline.retained();
            long restarted = System.nanoTime();
            pipeline.start();
            long backOnline = System.nanoTime();
            writing.join();
            boolean all = receiver.awaitAll(DELIVERY_TIMEOUT);
            receiver.settle(Duration.ofSeconds(3));
            long caughtUp = 0;
            for (int i = 0; i < w.size(); i++) {
                if (w.committedAt[i] < restarted && w.receivedAt[i] != 0) {
                    caughtUp = Math.max(caughtUp, w.receivedAt[i] - restarted);
                }
            }
            double[] ms = PhaseResult.latencies(w);
            results.add(new PhaseResult(pipeline.name(), "10 s down at 500/s", w.size(), Double.NaN, Double.NaN,
                    PhaseResult.percentile(ms, 0.50), PhaseResult.percentile(ms, 0.99), PhaseResult.percentile(ms, 1.0),
                    Double.NaN, Double.NaN, Double.NaN, Double.NaN, receiver.duplicates(),
                    retained + "; restart " + Math.round((backOnline - restarted) / 1e6) + " ms, backlog delivered "
                            + Math.round(caughtUp / 1e6) + " ms after restart" + (all ? "" : "; MISSING " + (w.size() - receiver.received()))));
        }
    }

    private CpuSample measureIdle(Duration d) throws InterruptedException {
        CpuSample start = CpuSample.now(infra);
        Thread.sleep(d.toMillis());
        return CpuSample.now(infra).minus(start);
    }

    private static PhaseResult idleRow(String pipeline, CpuSample s) {
        return new PhaseResult(pipeline, "idle, CPU ms per s", 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                s.jvmMillisPerSecond(), s.postgresMillisPerSecond(), s.kafkaMillisPerSecond(), Double.NaN, 0, "");
    }

    private static String topic(Pipeline pipeline, String phase) {
        return ("bench-" + pipeline.name() + "-" + phase).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-$", "");
    }

    String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| %-24s | %-20s | %6s | %9s | %11s | %8s | %8s | %8s | %9s | %9s | %11s | %8s | %4s | %7s | %7s | %s |%n",
                "pipeline", "phase", "events", "written/s", "delivered/s", "p50 ms", "p99 ms", "max ms", "JVM µs/ev", "PG µs/ev",
                "Kafka µs/ev", "WAL B/ev", "dup", "p99 ×A", "CPU ×A", "note"));
        out.append("|").append("-".repeat(26)).append("|").append("-".repeat(22)).append("|--------:|----------:|------------:|---------:|---------:|---------:|----------:|----------:|------------:|---------:|-----:|--------:|--------:|---|\n");
        for (PhaseResult r : results) {
            Optional<PhaseResult> a = results.stream().filter(x -> x.pipeline().equals("shared relay") && x.phase().equals(r.phase())).findFirst();
            boolean idleRow = r.events() == 0;
            out.append(String.format(Locale.ROOT, "| %-24s | %-20s | %6s | %9s | %11s | %8s | %8s | %8s | %9s | %9s | %11s | %8s | %4d | %7s | %7s | %s |%n",
                    r.pipeline(), r.phase(), idleRow ? "" : Integer.toString(r.events()), num(r.writtenPerSecond(), 0),
                    num(r.deliveredPerSecond(), 0), num(r.p50Millis(), 1), num(r.p99Millis(), 1), num(r.maxMillis(), 1),
                    num(r.jvmMicrosPerEvent(), 1), num(r.postgresMicrosPerEvent(), 1), num(r.kafkaMicrosPerEvent(), 1), num(r.walBytesPerEvent(), 0), r.duplicates(),
                    a.map(x -> ratio(r.p99Millis(), x.p99Millis())).orElse(""),
                    a.map(x -> ratio(r.cpuMicrosPerEvent(), x.cpuMicrosPerEvent())).orElse(""), r.note()));
        }
        out.append("\nCPU is net of the idle row \"(none)\" (same run); idle rows give CPU ms per wall second (gross) instead of µs per event. ")
                .append("×A: ratio to the shared relay (polling) in the same phase; CPU ×A compares JVM + PostgreSQL.\n");
        notes.forEach(n -> out.append("- ").append(n).append('\n'));
        return out.toString();
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String ratio(double v, double base) {
        return Double.isNaN(v) || Double.isNaN(base) || base <= 0 ? "" : String.format(Locale.ROOT, "%.2f", v / base);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip() + " (nproc " + Runtime.getRuntime().availableProcessors() + ")";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
