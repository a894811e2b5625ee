package io.telops.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.Topics;
import io.telops.contracts.phone.Party;
import io.telops.contracts.phone.PhoneEvent;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Benchmark, only with {@code -Pbench}: phone events at a steady rate (default 2,000/s for 15 s) and the
 * time until each probe event is visible in the JSON API, next to the baseline of the same records read by a
 * plain Kafka consumer from the same broker in the same run. Prints p50/p95/p99 and the p99 ratio. Each probe is
 * polled on its own fixed cadence ({@link ApiProber}), so its time does not depend on how many other probes wait.
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class PhoneApiLatencyBench {
    private static final int RATE = Integer.getInteger("bench.rate", 2_000);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final int PHONES = Integer.getInteger("bench.phones", 500);
    /** One event in this many is a probe whose visibility is timed (10 probes/s at 2,000 events/s). */
    private static final int PROBE_EVERY = Integer.getInteger("bench.probe-every", 200);
    /** Each probe is polled on its own grid of this period (the measurement's resolution below FAST_FOR_MS). */
    private static final long CADENCE_MS = Long.getLong("bench.cadence-ms", 25);
    /** How long after its send a probe is polled at CADENCE_MS; after that at SLOW_CADENCE_MS. */
    private static final long FAST_FOR_MS = 1_000;
    private static final long SLOW_CADENCE_MS = 100;
    /**
     * Before timing, rounds at the bench rate until the JIT compilers are busy under 5 % of a round (at most this
     * many rounds): right after boot they take a large share of the two cores, which a service in production has
     * long since paid, and the stalls they cause would be measured as the dashboard's tail.
     */
    private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup-rounds", 12);
    private static final int WARMUP_ROUND_SECONDS = 5;
    private static final Pattern EVENT_COUNT = Pattern.compile("\"eventCount\":(\\d+)");

    @TestHTTPResource("/")
    URL base;

    @Inject
    MeterRegistry registry;

    @Inject
    javax.sql.DataSource dataSource;

    record Probe(String id, String mac, long sequence, long sentNanos, int index) {
    }

    @Test
    void eventToVisibleInTheApi() throws Exception {
        List<String> macs = new ArrayList<>();
        for (int i = 0; i < PHONES; i++) {
            macs.add(Phones.randomMac());
        }
        Map<String, Long> rawReceived = new ConcurrentHashMap<>();
        Map<String, Long> apiVisible = new ConcurrentHashMap<>();
        List<Probe> probes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService workers = Executors.newFixedThreadPool(1);

        // warm-up: every phone exists before timing starts, so the run measures updates, not first inserts
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            macs.forEach(mac -> producer.publish(Phones.lineRegistered(mac, Phones.now(), 1, mac + "@pbx")));
        }
        awaitVisible(macs.get(macs.size() - 1), 1, Duration.ofSeconds(60));

        long[] sequence = new long[PHONES];
        java.util.Arrays.fill(sequence, 1);
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        AtomicBoolean warming = new AtomicBoolean(true);
        ApiProber warmUpProber = new ApiProber(new ConcurrentHashMap<>(), warming); // the API path warms up too
        for (int round = 1; round <= WARMUP_ROUNDS; round++) {
            long jitBefore = jit.getTotalCompilationTime();
            long roundStart = System.nanoTime();
            offer(macs, sequence, RATE * WARMUP_ROUND_SECONDS, (i, id, mac, count) -> {
                if (i % PROBE_EVERY == 0) {
                    warmUpProber.start(new Probe(id, mac, count, System.nanoTime(), i));
                }
            });
            double busy = (jit.getTotalCompilationTime() - jitBefore) * 1e6 / (System.nanoTime() - roundStart);
            System.out.printf("warm-up round %d: JIT compilers busy %.0f %% of the round%n", round, 100 * busy);
            if (busy < 0.05) {
                break;
            }
        }
        awaitVisible(macs.get(PHONES - 1), sequence[PHONES - 1], Duration.ofSeconds(60));
        warming.set(false);
        warmUpProber.close();

        KafkaConsumer<String, byte[]> raw = baselineConsumer();
        workers.submit(() -> readBaseline(raw, running, rawReceived));
        ApiProber prober = new ApiProber(apiVisible, running);

        String loadBefore = loadAverage();
        Map<String, double[]> metersBefore = consumerMeters();
        CpuAccount cpu = new CpuAccount(dataSource);
        CpuAccount.Snapshot cpuBefore = cpu.snapshot();
        long jitBefore = jit.getTotalCompilationTime();
        int total = RATE * SECONDS;
        long start = System.nanoTime();
        offer(macs, sequence, total, (i, id, mac, count) -> {
            if (i % PROBE_EVERY == 0) {
                Probe probe = new Probe(id, mac, count, System.nanoTime(), i);
                probes.add(probe);
                prober.start(probe);
            }
        });
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (apiVisible.size() < probes.size() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        CpuAccount.Snapshot cpuAfter = cpu.snapshot();
        running.set(false);
        prober.close();
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
        raw.close();

        List<Long> rawMillis = new ArrayList<>();
        List<Long> apiMillis = new ArrayList<>();
        List<Long> askedMillis = new ArrayList<>();
        for (Probe probe : probes) {
            Long r = rawReceived.get(probe.id());
            Long a = apiVisible.get(probe.id());
            if (r != null) {
                rawMillis.add(Math.max(0, (r - probe.sentNanos()) / 1_000_000));
            }
            if (a != null) {
                apiMillis.add(Math.max(0, (a - probe.sentNanos()) / 1_000_000));
            }
            Long asked = prober.visibleAsked.get(probe.id());
            if (asked != null) {
                askedMillis.add(Math.max(0, (asked - probe.sentNanos()) / 1_000_000));
            }
        }
        Collections.sort(rawMillis);
        Collections.sort(apiMillis);
        Collections.sort(askedMillis);
        // the consumer's rate: the events up to the furthest probe seen, over the time until it was seen
        double apiRate = rate(probes, apiVisible, start);
        double rawRate = rate(probes, rawReceived, start);
        System.out.printf("%nBENCH dashboard event -> visible in /api/phones/{mac}%n");
        System.out.printf("  offered %d events in %.1f s = %.0f events/s over %d phones; %d probes%n",
                total, sendSeconds, total / sendSeconds, PHONES, probes.size());
        System.out.printf("  baseline (plain consumer, same broker): p50 %d ms  p95 %d ms  p99 %d ms  (%d probes seen)%n",
                pct(rawMillis, 50), pct(rawMillis, 95), pct(rawMillis, 99), rawMillis.size());
        System.out.printf("  dashboard API visible:                  p50 %d ms  p95 %d ms  p99 %d ms  max %d ms  (%d probes seen)%n",
                pct(apiMillis, 50), pct(apiMillis, 95), pct(apiMillis, 99), apiMillis.isEmpty() ? -1 : apiMillis.get(apiMillis.size() - 1),
                apiMillis.size());
        System.out.printf("  resolution: each probe polled on its own grid, every %d ms for its first %d ms, then every %d ms;%n"
                        + "    visible = when the first answer covering it arrived (that request sent: p50 %d ms  p99 %d ms)%n",
                CADENCE_MS, FAST_FOR_MS, SLOW_CADENCE_MS, pct(askedMillis, 50), pct(askedMillis, 99));
        System.out.printf("  consumed: dashboard %.0f events/s, baseline %.0f events/s (events up to the last probe / time to it)%n",
                apiRate, rawRate);
        System.out.printf("  load average (1/5/15 min) before: %s  after: %s  (%d cores); JIT compile time in the window %d ms%n",
                loadBefore, loadAverage(), Runtime.getRuntime().availableProcessors(), jit.getTotalCompilationTime() - jitBefore);
        System.out.printf("  ratio p99 dashboard / baseline: %.1fx; goal p99 < 1000 ms: %s%n",
                pct(apiMillis, 99) / (double) Math.max(1, pct(rawMillis, 99)), pct(apiMillis, 99) < 1000 ? "met" : "NOT met");
        printPhases(metersBefore, consumerMeters());
        CpuAccount.print(cpuBefore, cpuAfter, total);
        List<Long> requests;
        synchronized (requestMicros) {
            requests = new ArrayList<>(requestMicros);
        }
        Collections.sort(requests);
        System.out.printf("  API requests of the pollers: %d (%.0f/s, at most %d in flight, %d ticks skipped while a probe's request was"
                        + " in flight, %d failed), p50 %.1f ms  p99 %.1f ms%n", requests.size(), prober.requestRate(),
                prober.maxInFlight.get(), prober.skipped.get(), prober.failed.get(),
                pct(requests, 50) / 1000.0, pct(requests, 99) / 1000.0);
        assertThat(apiMillis).as("every probe became visible").hasSize(probes.size());
        assertThat(rawMillis).as("the baseline consumer saw every probe").hasSize(probes.size());
    }

    /** The n-th event of one phone: its calls go incoming, offering, connected, disconnected, on hook. */
    private static PhoneEvent realistic(String mac, int i) {
        Instant now = Phones.now();
        Party caller = new Party("Caller " + (i % 97), "+4930" + (1_000_000 + i % 9_000_000));
        Party desk = new Party("Desk " + mac.substring(8), "1" + mac.substring(9));
        String reference = "0x" + Integer.toHexString(i / 5);
        return switch (i % 5) {
            case 0 -> Phones.incoming(mac, now, caller, desk);
            case 1 -> Phones.callState(mac, now, reference, "Offering", caller, desk);
            case 2 -> Phones.callState(mac, now, reference, "Connected", caller, desk);
            case 3 -> Phones.callState(mac, now, reference, "Disconnected", caller, desk);
            default -> Phones.onHook(mac, now);
        };
    }

    /** count, total (ms or records) and max of the consumer's timers and summaries, by name and tags. */
    private Map<String, double[]> consumerMeters() {
        Map<String, double[]> meters = new java.util.TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            String name = meter.getId().getName();
            if (!name.startsWith("dashboard.consumer") || !Topics.PHONE_EVENTS.equals(meter.getId().getTag("topic"))) {
                continue;
            }
            String phase = meter.getId().getTag("phase");
            String key = name.substring("dashboard.consumer.".length()) + (phase == null ? "" : " " + phase);
            if (meter instanceof Timer timer && name.endsWith("record.visible")) {
                var snapshot = timer.takeSnapshot();
                for (var percentile : snapshot.percentileValues()) {
                    meters.put(key + " p" + Math.round(percentile.percentile() * 100),
                            new double[] {1, percentile.value(TimeUnit.MILLISECONDS), 0});
                }
                meters.put(key, new double[] {timer.count(), timer.totalTime(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS)});
            } else if (meter instanceof Timer timer) {
                meters.put(key, new double[] {timer.count(), timer.totalTime(TimeUnit.MILLISECONDS), timer.max(TimeUnit.MILLISECONDS)});
            } else if (meter instanceof DistributionSummary summary) {
                meters.put(key, new double[] {summary.count(), summary.totalAmount(), summary.max()});
            }
        }
        return meters;
    }

    /** What the consumer's own timers saw during the timed run (max is the recent maximum). */
    private static void printPhases(Map<String, double[]> before, Map<String, double[]> after) {
        double[] cpu = delta(before, after, "batch.cpu");
        double[] records = delta(before, after, "poll.records");
        if (cpu[0] > 0 && records[1] > 0) {
            System.out.printf("  consumer-thread CPU per record: %.1f µs (%.1f s over %.0f records)%n",
                    cpu[1] * 1000 / records[1], cpu[1] / 1000, records[1]);
        }
        System.out.printf("  consumer during the run (count / mean / recent max; ms, records for poll.records):%n");
        after.forEach((key, now) -> {
            // percentiles are of the last minute or two (decaying), not differences
            double[] was = key.contains(" p") ? new double[3] : before.getOrDefault(key, new double[3]);
            double count = now[0] - was[0];
            double total = now[1] - was[1];
            if (count > 0) {
                System.out.printf("    %-28s %6.0f  %9.1f  %9.1f   (total %.1f s)%n", key, count, total / count, now[2],
                        key.startsWith("poll.records") ? 0 : total / 1000);
            }
        });
    }

    private static double[] delta(Map<String, double[]> before, Map<String, double[]> after, String key) {
        double[] now = after.getOrDefault(key, new double[3]);
        double[] was = before.getOrDefault(key, new double[3]);
        return new double[] {now[0] - was[0], now[1] - was[1]};
    }

    private static double rate(List<Probe> probes, Map<String, Long> seen, long start) {
        Probe furthest = null;
        for (Probe probe : probes) {
            if (seen.containsKey(probe.id()) && (furthest == null || probe.index() > furthest.index())) {
                furthest = probe;
            }
        }
        return furthest == null ? 0 : (furthest.index() + 1) / ((seen.get(furthest.id()) - start) / 1e9);
    }

    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static long pct(List<Long> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static KafkaConsumer<String, byte[]> baselineConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-baseline-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.PHONE_EVENTS));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100));
        }
        consumer.seekToEnd(consumer.assignment());
        consumer.assignment().forEach(consumer::position);
        return consumer;
    }

    private static void readBaseline(KafkaConsumer<String, byte[]> consumer, AtomicBoolean running, Map<String, Long> received) {
        while (running.get()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                Header id = record.headers().lastHeader(CloudEventHeaders.ID);
                if (id != null) {
                    received.put(new String(id.value(), StandardCharsets.UTF_8), System.nanoTime());
                }
            }
        }
    }

    private final List<Long> requestMicros = Collections.synchronizedList(new ArrayList<>());

    /**
     * Polls {@code GET /api/phones/{mac}} for each probe on its own schedule, independent of every other probe:
     * the first request one {@link #CADENCE_MS} after the probe was sent, then one every {@code CADENCE_MS} on a
     * fixed grid until {@link #FAST_FOR_MS} after it was sent, then every {@link #SLOW_CADENCE_MS} (so a stalled
     * service is not buried under requests exactly when it is behind). A tick whose previous request has not
     * answered yet is skipped (counted), so each probe has at most one request in flight. A probe is visible
     * when an answer's {@code eventCount} covers its sequence number; its time is when that answer arrived.
     */
    private final class ApiProber implements AutoCloseable {
        private final HttpClient client;
        private final ExecutorService httpThreads = Executors.newFixedThreadPool(2, named("bench-http"));
        private final ScheduledExecutorService ticks = Executors.newScheduledThreadPool(1, named("bench-probe"));
        private final String auth = "Basic " + Base64.getEncoder().encodeToString("viewer:secret".getBytes(StandardCharsets.UTF_8));
        private final Map<String, Long> visible;
        /** When the first request that saw each probe was sent (the lower edge of its visibility). */
        private final Map<String, Long> visibleAsked = new ConcurrentHashMap<>();
        private final AtomicBoolean running;
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong skipped = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger maxInFlight = new AtomicInteger();
        private volatile long firstTick;
        private volatile long lastAnswer;

        ApiProber(Map<String, Long> visible, AtomicBoolean running) {
            this.visible = visible;
            this.running = running;
            // HTTP/1.1 keep-alive, as API tools mostly talk to a plain-http service (the JDK client would otherwise
            // upgrade to h2c, whose stream handling cost the service's event loop more CPU per request)
            this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads).build();
        }

        void start(Probe probe) {
            schedule(probe, 1, new AtomicBoolean());
        }

        /** Runs tick {@code n} of the probe's grid: sent + n * cadence (then the slow cadence after FAST_FOR_MS). */
        private void schedule(Probe probe, long n, AtomicBoolean busy) {
            long offsetNanos = dueOffsetMillis(n) * 1_000_000L;
            long delay = probe.sentNanos() + offsetNanos - System.nanoTime();
            if (!running.get()) {
                return;
            }
            ticks.schedule(() -> tick(probe, n, busy), Math.max(0, delay), TimeUnit.NANOSECONDS);
        }

        private void tick(Probe probe, long n, AtomicBoolean busy) {
            if (visible.containsKey(probe.id()) || !running.get()) {
                return;
            }
            // the next grid point still ahead (ticks missed while the scheduler was late are not made up)
            long next = n + 1;
            long age = System.nanoTime() - probe.sentNanos();
            while (dueOffsetMillis(next) * 1_000_000L <= age) {
                next++;
            }
            if (!busy.compareAndSet(false, true)) {
                skipped.incrementAndGet();
                schedule(probe, next, busy);
                return;
            }
            if (firstTick == 0) {
                firstTick = System.nanoTime();
            }
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            requests.incrementAndGet();
            long asked = System.nanoTime();
            client.sendAsync(HttpRequest.newBuilder(URI.create(base + "api/phones/" + probe.mac()))
                            .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> {
                        long answered = System.nanoTime();
                        inFlight.decrementAndGet();
                        lastAnswer = answered;
                        requestMicros.add((answered - asked) / 1_000);
                        if (error != null || response.statusCode() != 200) {
                            failed.incrementAndGet();
                        } else {
                            Matcher count = EVENT_COUNT.matcher(response.body());
                            if (count.find() && Long.parseLong(count.group(1)) >= probe.sequence()) {
                                visible.putIfAbsent(probe.id(), answered);
                                visibleAsked.putIfAbsent(probe.id(), asked);
                            }
                        }
                        busy.set(false);
                    });
            schedule(probe, next, busy);
        }

        double requestRate() {
            long span = lastAnswer - firstTick;
            return span <= 0 ? 0 : requests.get() / (span / 1e9);
        }

        @Override
        public void close() throws InterruptedException {
            ticks.shutdownNow();
            ticks.awaitTermination(5, TimeUnit.SECONDS);
            httpThreads.shutdownNow();
        }
    }

    /** Offset of tick n from the probe's send: n * cadence up to FAST_FOR_MS, then in steps of the slow cadence. */
    private static long dueOffsetMillis(long n) {
        long fastTicks = FAST_FOR_MS / CADENCE_MS;
        return n <= fastTicks ? n * CADENCE_MS : fastTicks * CADENCE_MS + (n - fastTicks) * SLOW_CADENCE_MS;
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        AtomicInteger number = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Called for each event sent: its index in the run, ce_id, phone and the phone's event count once it is applied. */
    private interface Sent {
        void sent(int index, String id, String mac, long eventCount);
    }

    /** Sends {@code total} realistic events round-robin over the phones at the bench rate. */
    private static void offer(List<String> macs, long[] sequence, int total, Sent sent) {
        long start = System.nanoTime();
        long intervalNanos = 1_000_000_000L / RATE;
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            for (int i = 0; i < total; i++) {
                long wait = start + i * intervalNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int phone = i % macs.size();
                String mac = macs.get(phone);
                String id = UUID.randomUUID().toString();
                producer.publish(id, realistic(mac, (int) sequence[phone]));
                sequence[phone]++;
                sent.sent(i, id, mac, sequence[phone]);
            }
        }
    }

    private void awaitVisible(String mac, long events, Duration timeout) {
        Eventually.within(timeout, () -> assertThat(PhoneReadModelTest.phone(mac).getLong("eventCount")).isGreaterThanOrEqualTo(events));
    }
}
