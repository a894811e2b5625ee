package io.telops.ingest.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.Topics;
import io.telops.ingest.DurablePushes;
import io.telops.ingest.Samples;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.testkit.SharedInfrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;

/**
 * Push throughput and latency at 16 and 64 connections, next to the plain Kafka producer (same settings as the
 * relay: acks=all, idempotence) sending the same payloads to the same broker in the same run; then a fixed
 * 2,000 events/s load for the p99 goal. Runs only with {@code -Pbench}; prints figures, asserts nothing about speed.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "ingest"))
class PushBenchmark {
    static final int REQUESTS = Integer.getInteger("bench.requests", 20_000);
    static final int FIXED_RATE = Integer.getInteger("bench.rate", 2_000);
    static final int FIXED_SECONDS = Integer.getInteger("bench.seconds", 10);
    static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup-rounds", 25);
    /** How pushes are made durable in the fixed-rate phases, one phase each: kafka (first) or outbox. */
    static final String FIXED_PATHS = System.getProperty("bench.fixed-paths", "kafka,outbox,kafka,outbox");
    /**
     * Unmeasured fixed-rate seconds per path before the fixed-rate phases: the closed-loop warm-up leaves the JIT
     * compiling code that only a paced load runs (the first paced phase paid 40-50 us of JIT per push, the later ones
     * 10-20), and a service that has run for a day has long compiled it.
     */
    static final int FIXED_WARMUP_SECONDS = Integer.getInteger("bench.fixed-warmup-seconds", 5);

    /** The load generator's own event loop (one: the server, PostgreSQL and the broker share the same cores). */
    static final Vertx VERTX = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    @TestHTTPResource("/polycom/events")
    URI pushUri;

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @jakarta.inject.Inject
    io.telops.ingest.outbox.GroupCommitter committer;

    @jakarta.inject.Inject
    io.telops.ingest.kafka.KafkaAcceptor kafkaFirst;

    CpuAccount cpu;

    /** Where the CPU went: server threads by role, PostgreSQL, the broker, and the bench's own client threads. */
    CpuAccount cpuAccount() throws Exception {
        long backend;
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            backend = rs.getLong(1);
        }
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(backend), "stat"));
        long postmaster = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        CompletableFuture<Long> clientThread = new CompletableFuture<>();
        VERTX.runOnContext(ignored -> clientThread.complete(Thread.currentThread().getId()));
        return new CpuAccount(postmaster, java.util.Set.of(clientThread.get(5, TimeUnit.SECONDS)), PushBenchmark::threadGroup);
    }

    /** The upper bound of the bucket holding percentile p of what was recorded between two cumulative snapshots. */
    static double bucketPercentile(io.micrometer.core.instrument.distribution.CountAtBucket[] before,
                                   io.micrometer.core.instrument.distribution.CountAtBucket[] after, double p) {
        double total = after[after.length - 1].count() - before[before.length - 1].count();
        for (int i = 0; i < after.length; i++) {
            if (after[i].count() - before[i].count() >= p * total) {
                return after[i].bucket(TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }

    /** Group commits so far: count, pushes, statement ms, commit ms (whole-run totals; phases take differences). */
    double[] storeTotals() {
        io.micrometer.core.instrument.DistributionSummary groups = registry.find("telops.ingest.store.group.pushes").summary();
        io.micrometer.core.instrument.Timer statement = registry.find("telops.ingest.store.statement").timer();
        io.micrometer.core.instrument.Timer commit = registry.find("telops.ingest.store.commit").timer();
        if (groups == null || statement == null || commit == null) {
            return new double[4];
        }
        return new double[] {groups.count(), groups.totalAmount(), statement.totalTime(TimeUnit.MILLISECONDS), commit.totalTime(TimeUnit.MILLISECONDS)};
    }

    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }

    static String threadGroup(String name) {
        if (name.startsWith("vert.x-eventloop")) {
            return "server HTTP";
        } else if (name.startsWith("outbox-writer")) {
            return "writers";
        } else if (name.contains("outbox-relay")) { // platform/outbox's thread and its producer's network thread
            return "relay";
        } else if (name.contains("event-ingest-kafka-first")) {
            return "kafka-first producer";
        } else if (name.startsWith("raw-push-archiver") || name.contains("raw-archive")) {
            return "archiver";
        } else if (name.startsWith("bench-") || name.contains("bench-producer")) {
            return "bench client";
        } else if (name.startsWith("executor-thread") || name.startsWith("vert.x-worker")) {
            return "server workers";
        }
        return "other threads";
    }

    /** Runs a phase and appends its CPU cost per event to the report. */
    Result measured(List<String> report, java.util.concurrent.Callable<Result> phase) throws Exception {
        java.util.Map<String, Long> before = cpu.snapshot();
        double[] storeBefore = storeTotals();
        double kafkaBefore = DurablePushes.count(registry, "kafka");
        double outboxBefore = DurablePushes.count(registry, "outbox");
        io.micrometer.core.instrument.Timer storeTimer = registry.find("telops.ingest.push.store").timer();
        io.micrometer.core.instrument.distribution.CountAtBucket[] waitBefore = storeTimer == null ? null : storeTimer.takeSnapshot().histogramCounts();
        Result result = phase.call();
        double[] storeAfter = storeTotals();
        java.util.Map<String, Long> after = cpu.snapshot();
        report.add(result.line());
        report.add(String.format("  pushes made durable by the broker's acks: %.0f, by the outbox: %.0f",
                DurablePushes.count(registry, "kafka") - kafkaBefore, DurablePushes.count(registry, "outbox") - outboxBefore));
        report.add(CpuAccount.perEvent(result.name() + " x" + result.connections(), before, after, result.count()));
        if (storeTimer != null) {
            io.micrometer.core.instrument.distribution.CountAtBucket[] waitAfter = storeTimer.takeSnapshot().histogramCounts();
            if (waitAfter.length > 0 && waitAfter[waitAfter.length - 1].count() > waitBefore[waitBefore.length - 1].count()) {
                report.add(String.format("  server side, push parsed -> durable: p50 <= %.2f ms, p99 <= %.2f ms (histogram bucket bounds)",
                        bucketPercentile(waitBefore, waitAfter, 0.50), bucketPercentile(waitBefore, waitAfter, 0.99)));
            }
        }
        double groups = storeAfter[0] - storeBefore[0];
        if (groups > 0) {
            report.add(String.format("  group commits in this phase: %.0f, mean %.1f pushes, statement mean %.2f ms, commit mean %.2f ms",
                    groups, (storeAfter[1] - storeBefore[1]) / groups, (storeAfter[2] - storeBefore[2]) / groups,
                    (storeAfter[3] - storeBefore[3]) / groups));
        }
        return result;
    }


    record Result(String name, int connections, long count, double seconds, long[] latenciesNanos) {
        double rate() {
            return count / seconds;
        }

        double percentileMillis(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
        }

        String line() {
            return String.format("%-22s conns=%3d  events=%6d  %8.0f ev/s  p50=%6.2f ms  p99=%7.2f ms",
                    name, connections, count, rate(), percentileMillis(0.50), percentileMillis(0.99));
        }
    }

    @Test
    void pushVersusPlainProducer() throws Exception {
        List<byte[]> payloads = payloads(1_000);
        String bootstrap = SharedInfrastructure.kafka().bootstrapServers();
        List<String> report = new ArrayList<>();
        cpu = cpuAccount();
        String loadBefore = loadAverage();
        // warm both paths up (JIT, connection pools, topic metadata) until the JIT compilers have (nearly) stopped:
        // on a loaded 2-core machine C2 takes 0.1-0.8 s per method, and a short warm-up left the measured phases
        // paying more CPU for compilation than for the pushes themselves
        for (int round = 1; round <= WARMUP_ROUNDS; round++) {
            java.util.Map<String, Long> before = cpu.snapshot();
            long t0 = System.nanoTime();
            push(64, 5_000, payloads);
            produce(bootstrap, 64, 5_000, payloads);
            java.util.Map<String, Long> after = cpu.snapshot();
            double jitShare = (double) (after.get("JVM JIT") - before.get("JVM JIT")) / (System.nanoTime() - t0);
            report.add(String.format("warm-up round %d: JIT compilers busy %.0f %% of the round", round, jitShare * 100));
            if (jitShare < 0.05) {
                break;
            }
        }
        for (int connections : new int[] {16, 64}) {
            int conns = connections;
            Result producer = measured(report, () -> produce(bootstrap, conns, REQUESTS, payloads));
            Result push = measured(report, () -> push(conns, REQUESTS, payloads, "push, Kafka first"));
            report.add(String.format("  -> push / producer throughput = %.2f  (goal >= 0.50)", push.rate() / producer.rate()));
            // the same pushes made durable by the PostgreSQL outbox (group commit) instead: the path before Kafka first
            Result outbox = viaOutbox(() -> measured(report, () -> push(conns, REQUESTS, payloads, "push, outbox")));
            report.add(String.format("  -> outbox push / producer throughput = %.2f, Kafka first / outbox = %.2f",
                    outbox.rate() / producer.rate(), push.rate() / outbox.rate()));
        }
        if (FIXED_WARMUP_SECONDS > 0) {
            fixedRate(64, FIXED_RATE, FIXED_WARMUP_SECONDS, payloads, "warm-up");
            viaOutbox(() -> fixedRate(64, FIXED_RATE, FIXED_WARMUP_SECONDS, payloads, "warm-up"));
            report.add(String.format("fixed-rate warm-up: %d s per path, not measured", FIXED_WARMUP_SECONDS));
        }
        // both paths alternated within this run (A/B/A/B) so the machine's load hits each of them
        for (String path : FIXED_PATHS.split(",")) {
            java.util.concurrent.Callable<Result> phase = () -> measured(report,
                    () -> fixedRate(64, FIXED_RATE, FIXED_SECONDS, payloads, "fixed rate, " + path.strip()));
            if ("outbox".equals(path.strip())) {
                viaOutbox(phase);
            } else {
                phase.call();
            }
            report.add(String.format("  -> fixed rate: offered %d ev/s, goal p99 < 20 ms", FIXED_RATE));
        }
        System.out.println("\n=== event-ingest-service benchmark (one event per request, loopback, same broker) ===");
        System.out.println("load average (1/5/15 min) before: " + loadBefore + ", after: " + loadAverage());
        report.forEach(System.out::println);
        // where the time went (whole run): parse per push, statement and commit per group (the relay: telops_outbox_*)
        for (String name : List.of("telops.ingest.publish.latency", "telops.ingest.push.store", "telops.ingest.push.parse", "telops.ingest.store.statement",
                "telops.ingest.store.commit")) {
            io.micrometer.core.instrument.Timer timer = registry.find(name).timer();
            if (timer != null) {
                StringBuilder line = new StringBuilder(String.format("%-32s n=%7d  mean=%7.2f ms", name, timer.count(),
                        timer.mean(TimeUnit.MILLISECONDS)));
                for (io.micrometer.core.instrument.distribution.ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
                    line.append(String.format("  p%.0f=%.2f ms", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
                }
                System.out.println(line);
            }
        }
        for (String name : List.of("telops.ingest.store.group.pushes")) {
            io.micrometer.core.instrument.DistributionSummary summary = registry.find(name).summary();
            if (summary != null) {
                System.out.printf("%-32s n=%7d  mean=%7.1f  max=%5.0f%n", name, summary.count(), summary.mean(), summary.max());
            }
        }
        System.out.println();
    }

    /** Runs a phase with every push sent to the PostgreSQL outbox (Kafka first switched off). */
    Result viaOutbox(java.util.concurrent.Callable<Result> phase) throws Exception {
        kafkaFirst.enabled(false);
        try {
            return phase.call();
        } finally {
            kafkaFirst.enabled(true);
        }
    }

    /**
     * {@code connections} HTTP/1.1 keep-alive connections (a Vert.x client of its own, not the server's event
     * loops), each sending its next push when the previous answer arrived. HTTP/1.1 on purpose: the JDK client
     * used before upgrades cleartext to HTTP/2 and multiplexes every caller over ONE connection.
     */
    Result push(int connections, int total, List<byte[]> payloads) throws Exception {
        return push(connections, total, payloads, "push /polycom/events");
    }

    Result push(int connections, int total, List<byte[]> payloads, String label) throws Exception {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();
        AtomicInteger finished = new AtomicInteger();
        HttpClient http = client(connections);
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            sendNext(http, next, total, payloads, latencies, done, finished, connections);
        }
        done.get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new Result(label, connections, total, seconds, latencies);
    }

    private void sendNext(HttpClient http, AtomicInteger next, int total, List<byte[]> payloads, long[] latencies,
                          CompletableFuture<Void> done, AtomicInteger finished, int connections) {
        int i = next.getAndIncrement();
        if (i >= total) {
            if (finished.incrementAndGet() == connections) {
                done.complete(null);
            }
            return;
        }
        long t0 = System.nanoTime();
        send(http, payloads.get(i % payloads.size())).onComplete(r -> {
            if (r.failed()) {
                done.completeExceptionally(r.cause());
                return;
            }
            latencies[i] = System.nanoTime() - t0;
            sendNext(http, next, total, payloads, latencies, done, finished, connections);
        });
    }

    private HttpClient client(int connections) {
        return VERTX.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_1_1).setKeepAlive(true)
                .setDefaultHost(pushUri.getHost()).setDefaultPort(pushUri.getPort()), new PoolOptions().setHttp1MaxSize(connections));
    }

    private io.vertx.core.Future<Void> send(HttpClient http, byte[] payload) {
        return http.request(HttpMethod.POST, pushUri.getRawPath())
                .compose(req -> req.putHeader("Content-Type", "application/xml").send(Buffer.buffer(payload)))
                .compose(resp -> resp.body().compose(body -> resp.statusCode() == 200 ? io.vertx.core.Future.<Void>succeededFuture()
                        : io.vertx.core.Future.failedFuture("push answered " + resp.statusCode() + ": " + body)));
    }

    Result produce(String bootstrap, int connections, int total, List<byte[]> payloads) throws Exception {
        if (producer == null) {
            // one producer for every phase, closed at the end: its network thread's CPU must still be countable
            java.util.Properties config = baselineProducer(bootstrap);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        KafkaProducer<String, byte[]> p = producer;
        return closedLoop("plain KafkaProducer", connections, total, i ->
                p.send(new ProducerRecord<>(Topics.PHONE_EVENTS, "BENCH" + (i % 64), payloads.get(i % payloads.size()))).get());
    }

    KafkaProducer<String, byte[]> producer;

    /** The baseline's settings, unchanged since the first round (those of the service's own relay before platform/outbox). */
    static java.util.Properties baselineProducer(String bootstrap) {
        java.util.Properties p = new java.util.Properties();
        p.put(org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all");
        p.put(org.apache.kafka.clients.producer.ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.LINGER_MS_CONFIG, 1);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(org.apache.kafka.clients.producer.ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        p.put(org.apache.kafka.clients.producer.ProducerConfig.CLIENT_ID_CONFIG, "bench-producer");
        return p;
    }

    @org.junit.jupiter.api.AfterEach
    void closeProducer() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }

    interface Call {
        void run(int i) throws Exception;
    }

    /** {@code connections} callers, each waiting for its answer before the next call. */
    static Result closedLoop(String name, int connections, int total, Call call) throws Exception {
        long[] latencies = new long[total];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(connections, r -> new Thread(r, "bench-caller-" + threadNo.incrementAndGet()));
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    call.run(i);
                    latencies[i] = System.nanoTime() - t0;
                }
                CpuAccount.EXITED_BENCH_THREADS.add(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(name, connections, total, seconds, latencies);
    }

    /**
     * A fixed offered rate over {@code connections} HTTP/1.1 connections; latency counts from the planned send
     * time, so a stall (or a request waiting for a free connection) is not hidden.
     */
    Result fixedRate(int connections, int rate, int seconds, List<byte[]> payloads, String label) throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        long intervalNanos = 1_000_000_000L / rate;
        HttpClient http = client(connections);
        CountDownLatch answered = new CountDownLatch(total);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long planned = start + i * intervalNanos;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            int n = i;
            send(http, payloads.get(i % payloads.size())).onComplete(r -> {
                if (r.failed()) {
                    failure.compareAndSet(null, r.cause());
                }
                latencies[n] = System.nanoTime() - planned;
                answered.countDown();
            });
        }
        answered.await(5, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - start) / 1e9;
        http.close();
        if (failure.get() != null) {
            throw new IllegalStateException("fixed-rate push failed", failure.get());
        }
        return new Result(label, connections, total, elapsed, latencies);
    }

    /** Single-event pushes as phones send them: call state changes, incoming calls, hook events. */
    static List<byte[]> payloads(int count) {
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String mac = String.format("0004F2%06X", 0xB00000 + i % 500);
            String burst = Samples.callBurst(mac, i);
            // one event element per request: cut the burst into its events, keep the wrapper
            String inner = burst.substring("<PolycomIPPhone>".length(), burst.length() - "</PolycomIPPhone>".length());
            String[] events = inner.split("(?=<(OffHookEvent|OutgoingCallEvent|CallStateChangeEvent|OnHookEvent)[ >])");
            String event = events[i % events.length];
            out.add(("<PolycomIPPhone>" + event + "</PolycomIPPhone>").getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
