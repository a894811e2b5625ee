package io.telops.provisioning.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Fires one GET per device at a fixed concurrency and measures the rate and the latency. */
final class BootStorm {
    record Request(String path, String authorization) {
    }

    record Result(String name, int requests, int ok, double seconds, double perSecond, double p50Millis, double p99Millis) {
        @Override
        public String toString() {
            return "%-28s %6d req  %6d ok  %7.2f s  %9.0f req/s  p50 %6.2f ms  p99 %7.2f ms"
                    .formatted(name, requests, ok, seconds, perSecond, p50Millis, p99Millis);
        }
    }

    static Result run(String name, String baseUrl, List<Request> requests, int concurrency,
                      ConcurrentHashMap<String, byte[]> bodies) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        long[] latencies = new long[requests.size()];
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < requests.size()) {
                    Request r = requests.get(i);
                    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + r.path())).timeout(Duration.ofSeconds(30))
                            .header("User-Agent", "telops-bench");
                    if (r.authorization() != null) {
                        b.header("Authorization", r.authorization());
                    }
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<byte[]> resp = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                        latencies[i] = System.nanoTime() - t0;
                        if (resp.statusCode() == 200) {
                            ok.incrementAndGet();
                            if (bodies != null) {
                                bodies.put(r.path(), resp.body());
                            }
                        } else {
                            failures.incrementAndGet();
                        }
                    } catch (Exception e) {
                        latencies[i] = System.nanoTime() - t0;
                        failures.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        java.util.Arrays.sort(latencies);
        return new Result(name, requests.size(), ok.get(), seconds, requests.size() / seconds,
                latencies[latencies.length / 2] / 1e6, latencies[(int) (latencies.length * 0.99)] / 1e6);
    }
}
