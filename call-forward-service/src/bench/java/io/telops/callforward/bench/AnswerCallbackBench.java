package io.telops.callforward.bench;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.telops.callforward.call.CallFlow;
import io.telops.callforward.call.CallLog;
import io.telops.callforward.call.CallbackService;
import io.telops.callforward.call.CallbackUrls;
import io.telops.callforward.events.EventIds;
import io.telops.callforward.events.Outbox;
import io.telops.callforward.fake.PlivoCallDriver;
import io.telops.callforward.fake.PlivoFake;
import io.telops.callforward.fake.PlivoFakeResource;
import io.telops.callforward.line.ForwardingLine;
import io.telops.callforward.line.LineCache;
import io.telops.callforward.line.LineRepository;
import io.telops.callforward.signature.CallbackVerifier;
import io.telops.callforward.signature.FormParams;
import io.telops.callforward.signature.PlivoSignatureV3;
import io.telops.callforward.signature.SignedRequest;
import io.telops.contracts.callforward.CallReceived;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.MongoTestResource;

/**
 * Answer-URL callbacks (signature V3 check + MongoDB line lookup + call upsert + outbox insert + XML) against the
 * static fallback XML endpoint of the same service, at 32 concurrent connections: first as fast as they go
 * (closed loop), then paced at a fixed rate to read latency percentiles. Client and service share this JVM.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(PlivoFakeResource.class)
class AnswerCallbackBench {
    static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup-seconds", 5));
    static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 10));
    static final int RATE = Integer.getInteger("bench.rate", 500);
    static final int LOW_RATE = Integer.getInteger("bench.low-rate", 100);
    static final String PUBLIC = "https://forward.example.com:8443";

    @TestHTTPResource("/")
    URI local;
    @Inject
    CallbackVerifier verifier;
    @Inject
    LineRepository repository;
    @Inject
    LineCache lineCache;
    @Inject
    CallLog callLog;
    @Inject
    Outbox outbox;
    @Inject
    CallbackService callbacks;

    /**
     * CPU time used by this JVM's threads during a run, in three groups: the service, the test MongoDB (wire server),
     * the bench client. Counted per thread id, so a pool thread that ends during the run does not make it negative.
     */
    record Cpu(long serviceNanos, long mongoNanos, long clientNanos) {
        static java.util.Map<Long, Long> snapshot() {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            java.util.Map<Long, Long> out = new java.util.HashMap<>();
            for (long id : mx.getAllThreadIds()) {
                long cpu = mx.getThreadCpuTime(id);
                if (cpu >= 0) {
                    out.put(id, cpu);
                }
            }
            return out;
        }

        static Cpu since(java.util.Map<Long, Long> before, long benchThreadsNanos) {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long service = 0;
            long mongo = 0;
            long client = benchThreadsNanos;
            for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (t == null) {
                    continue;
                }
                long cpu = mx.getThreadCpuTime(t.getThreadId());
                if (cpu < 0) {
                    continue;
                }
                long used = Math.max(0, cpu - before.getOrDefault(t.getThreadId(), 0L));
                String name = t.getThreadName();
                if (name.startsWith("mongo-server")) {
                    mongo += used;
                } else if (name.startsWith("bench-") || name.startsWith("HttpClient-")) {
                    client += used;
                } else {
                    service += used;
                }
            }
            return new Cpu(service, mongo, client);
        }
    }

    record Result(String name, long requests, long errors, double seconds, long[] latenciesNanos, Cpu cpu) {
        double perSecond() {
            return requests / seconds;
        }

        double percentileMs(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
        }

        /** CPU microseconds per request (what service threads used before ending during the run is not counted). */
        double cpuMicros(long nanos) {
            return requests == 0 ? Double.NaN : nanos / 1e3 / requests;
        }

        String line() {
            return String.format("%-22s %8.0f req/s  p50 %6.2f ms  p99 %6.2f ms  max %7.2f ms  errors %d  (n=%d)"
                            + "  CPU/req: service %5.0f us, test MongoDB %5.0f us, client %5.0f us",
                    name, perSecond(), percentileMs(50), percentileMs(99), percentileMs(100), errors, requests,
                    cpuMicros(cpu.serviceNanos()), cpuMicros(cpu.mongoNanos()), cpuMicros(cpu.clientNanos()));
        }
    }

    @Test
    void answerUrlAgainstStaticXml() throws Exception {
        String number = given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON)
                .body("{\"settings\":{\"name\":\"Bench\",\"owner\":\"bench\",\"sipEndpoint\":\"sip:bench@phone.plivo.com\","
                        + "\"mobile\":\"14155550100\"},\"rental\":{\"countryIso\":\"US\"}}")
                .post("/api/lines").then().statusCode(201).extract().jsonPath().getString("forwardNumber");
        String base = local.toString().replaceAll("/$", "");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

        Supplier<HttpRequest> fallback = () -> HttpRequest.newBuilder(URI.create(base + "/plivo/fallback"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("CallUUID=x&From=14155550111&To=" + number)).build();
        Supplier<HttpRequest> answer = () -> signedAnswer(base, number);

        String loadBefore = loadAverage();
        List<String> costs = breakdown(number, http, fallback, answer);

        run("warm-up static", http, fallback, WARMUP, 0);
        run("warm-up answer", http, answer, WARMUP, 0);
        Result staticMax = run("static XML (max)", http, fallback, RUN, 0);
        Result answerMax = run("answer URL (max)", http, answer, RUN, 0);
        Result staticPaced = run("static XML @" + RATE + "/s", http, fallback, RUN, RATE);
        Result answerPaced = run("answer URL @" + RATE + "/s", http, answer, RUN, RATE);
        Result staticLow = run("static XML @" + LOW_RATE + "/s", http, fallback, RUN, LOW_RATE);
        Result answerLow = run("answer URL @" + LOW_RATE + "/s", http, answer, RUN, LOW_RATE);

        System.out.println();
        System.out.println("=== call-forward-service answer-URL benchmark, " + CONNECTIONS + " connections, "
                + RUN.toSeconds() + " s per run, " + Runtime.getRuntime().availableProcessors() + " CPUs (client in the same JVM), "
                + "load average " + loadBefore + " before, " + loadAverage() + " after ===");
        costs.forEach(System.out::println);
        for (Result r : List.of(staticMax, answerMax, staticPaced, answerPaced, staticLow, answerLow)) {
            System.out.println(r.line());
        }
        System.out.printf("throughput ratio answer/static: %.2f%n", answerMax.perSecond() / staticMax.perSecond());
        System.out.printf("service CPU per request, answer/static: %.1f (%.0f us vs %.0f us; test MongoDB adds %.0f us per answer)%n",
                answerMax.cpu().serviceNanos() * (double) staticMax.requests() / (staticMax.cpu().serviceNanos() * (double) answerMax.requests()),
                answerMax.cpuMicros(answerMax.cpu().serviceNanos()), staticMax.cpuMicros(staticMax.cpu().serviceNanos()),
                answerMax.cpuMicros(answerMax.cpu().mongoNanos()));
        System.out.printf("p99 ratio answer/static at %d/s: %.2f (answer p99 %.2f ms, goal < 10 ms)%n", RATE,
                answerPaced.percentileMs(99) / staticPaced.percentileMs(99), answerPaced.percentileMs(99));
        System.out.printf("p99 ratio answer/static at %d/s: %.2f (answer p99 %.2f ms)%n", LOW_RATE,
                answerLow.percentileMs(99) / staticLow.percentileMs(99), answerLow.percentileMs(99));
        System.out.println();
        assertThat(answerMax.errors()).isZero();
        assertThat(staticMax.errors()).isZero();
        assertThat(answerMax.requests()).isPositive();
    }

    /** What one answer costs, step by step: each step alone, one thread, no concurrency (microseconds per call). */
    List<String> breakdown(String number, HttpClient http, Supplier<HttpRequest> fallback, Supplier<HttpRequest> answer) throws Exception {
        int n = Integer.getInteger("bench.breakdown-iterations", 2000);
        URI publicUri = URI.create(PUBLIC + "/plivo/answer");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CallUUID", "bench-breakdown");
        p.put("From", "14155550111");
        p.put("To", number);
        p.put("Direction", "inbound");
        String body = PlivoCallDriver.form(p);
        Map<String, List<String>> form = FormParams.decode(body);
        String nonce = "12345";
        String sig = PlivoSignatureV3.compute(new SignedRequest("POST", publicUri, form), nonce, PlivoFake.AUTH_TOKEN);
        CallbackUrls urls = new CallbackUrls(URI.create(PUBLIC));
        ForwardingLine line = repository.findActiveByNumber(number).orElseThrow();
        AtomicInteger seq = new AtomicInteger();
        List<String> out = new ArrayList<>();
        out.add("--- cost of one answer, step by step (1 thread, " + n + " calls each, microseconds per call) ---");
        out.add(step("form decode + V3 signature check", n, () -> verifier.voice("POST", URI.create("http://localhost/plivo/answer"),
                FormParams.decode(body), java.util.Optional.of(nonce), List.of(sig), List.of())));
        out.add(step("line lookup by number (MongoDB)", n, () -> repository.findActiveByNumber(number)));
        out.add(step("line lookup by number (LineCache hit)", n, () -> lineCache.activeByNumber(number)));
        out.add(step("call flow + XML writer", n, () -> CallFlow.answer(java.util.Optional.of(line), "14155550111", number,
                java.time.Instant.now(), urls).xml().toXml()));
        out.add(step("call upsert (MongoDB)", n, () -> callLog.received("bd-" + seq.incrementAndGet(), java.util.Optional.of(line.id()),
                "14155550111", number, io.telops.callforward.call.Route.FORWARD, java.time.Instant.now())));
        out.add(step("outbox insert (MongoDB)", n, () -> {
            String id = "bd-" + seq.incrementAndGet();
            outbox.add(EventIds.of("bench", id), id, new CallReceived(id, java.util.Optional.of(line.id()), "14155550111", number,
                    "forward", java.time.Instant.now()));
        }));
        out.add(step("CallbackService.answer (all of the above but the signature)", n, () -> {
            Map<String, String> q = new LinkedHashMap<>(p);
            q.put("CallUUID", "bd-" + seq.incrementAndGet());
            callbacks.answer(q, urls);
        }));
        out.add(step("HTTP static XML, 1 connection", n, () -> send(http, fallback.get())));
        out.add(step("HTTP answer URL, 1 connection", n, () -> send(http, answer.get())));
        return out;
    }

    /** The 1/5/15-minute load averages of the machine, as uptime prints them. */
    static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    interface Work {
        void run() throws Exception;
    }

    static String step(String name, int n, Work work) throws Exception {
        for (int i = 0; i < n / 4; i++) {
            work.run();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            work.run();
        }
        String line = String.format("%-62s %8.1f us", name, (System.nanoTime() - t0) / 1e3 / n);
        System.out.println(line);
        return line;
    }

    static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
        }
    }

    static HttpRequest signedAnswer(String base, String number) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CallUUID", UUID.randomUUID().toString());
        p.put("From", "14155550111");
        p.put("To", number);
        p.put("Direction", "inbound");
        p.put("CallStatus", "ringing");
        p.put("Event", "StartApp");
        String body = PlivoCallDriver.form(p);
        String nonce = Long.toString(System.nanoTime());
        String sig = PlivoSignatureV3.compute(new SignedRequest("POST", URI.create(PUBLIC + "/plivo/answer"),
                FormParams.decode(body)), nonce, PlivoFake.AUTH_TOKEN);
        return HttpRequest.newBuilder(URI.create(base + "/plivo/answer"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(PlivoSignatureV3.HEADER, sig).header(PlivoSignatureV3.HEADER_NONCE, nonce)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    /** {@code rate} 0: each connection sends as fast as answers come back; else paced to rate requests/s in total. */
    static Result run(String name, HttpClient http, Supplier<HttpRequest> request, Duration length, int rate) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        AtomicLong errors = new AtomicLong();
        AtomicInteger count = new AtomicInteger();
        List<long[]> perThread = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        CountDownLatch done = new CountDownLatch(CONNECTIONS);
        java.util.Map<Long, Long> cpuBefore = Cpu.snapshot();
        AtomicLong clientThreadsCpu = new AtomicLong();
        long start = System.nanoTime();
        long intervalNanos = rate == 0 ? 0 : (long) (1e9 * CONNECTIONS / rate);
        for (int t = 0; t < CONNECTIONS; t++) {
            long[] lat = new long[2_000_000 / CONNECTIONS];
            int[] n = new int[1];
            perThread.add(lat);
            sizes.add(n);
            long offset = intervalNanos * t / CONNECTIONS;
            Thread worker = new Thread(() -> {
                try {
                    long next = start + offset;
                    while (System.nanoTime() < end) {
                        if (intervalNanos > 0) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                            next += intervalNanos;
                        }
                        HttpRequest req = request.get();
                        // latency counts from the intended send time when paced, so queueing is not hidden
                        long t0 = intervalNanos > 0 ? Math.min(System.nanoTime(), next - intervalNanos) : System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200 || !r.body().contains("<Response>")) {
                                errors.incrementAndGet();
                            }
                        } catch (java.io.IOException e) {
                            errors.incrementAndGet();
                        }
                        if (n[0] < lat.length) {
                            lat[n[0]++] = System.nanoTime() - t0;
                        }
                        count.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    // these threads end with the run, before the CPU is read: each adds its own
                    clientThreadsCpu.addAndGet(java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
                    done.countDown();
                }
            }, "bench-" + t);
            worker.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = sizes.stream().mapToInt(a -> a[0]).sum();
        long[] all = new long[total];
        int i = 0;
        for (int t = 0; t < CONNECTIONS; t++) {
            System.arraycopy(perThread.get(t), 0, all, i, sizes.get(t)[0]);
            i += sizes.get(t)[0];
        }
        Result r = new Result(name, count.get(), errors.get(), seconds, all, Cpu.since(cpuBefore, clientThreadsCpu.get()));
        System.out.println(r.line());
        return r;
    }
}
