package io.telops.provisioning.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code wrk} in its own process, driven by {@code bench/boot-storm.lua}, so the load generator neither
 * shares the service's JVM nor caps nginx. Runs under bash to read the CPU time wrk used ({@code times}).
 */
final class Wrk {
    private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s");

    /** One wrk pass: {@code walkMicros} is set for a once-through walk (time until every thread had all its responses). */
    record Pass(long requests, long durationMicros, long listed, long walkMicros, long p50Micros, long p99Micros,
                long non2xx, long socketErrors, long ok, long notFound, long other, double wrkCpuSeconds) {
        double perSecond() {
            return walkMicros > 0 ? listed * 1e6 / walkMicros : requests * 1e6 / durationMicros;
        }
    }

    private final Path script;
    private final int threads;
    private final int connections;

    Wrk(Path script, int threads, int connections) {
        this.script = script;
        this.threads = threads;
        this.connections = connections;
    }

    static void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            return;
        }
        // the Debian package, installed the ordinary way if missing (bench/boot-storm.sh does the same first)
        Process install = new ProcessBuilder("bash", "-c",
                "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk").inheritIO().start();
        if (install.waitFor() != 0 || !Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            throw new IllegalStateException("wrk is not installed and apt-get install wrk failed");
        }
    }

    /** Walks the request file round and round for {@code seconds}. */
    Pass loop(String baseUrl, Path requests, int seconds) throws Exception {
        return run(baseUrl, requests, "loop", seconds);
    }

    /** Walks the request file once; gives up after {@code timeoutSeconds}. */
    Pass once(String baseUrl, Path requests, int timeoutSeconds) throws Exception {
        return run(baseUrl, requests, "once", timeoutSeconds);
    }

    private Pass run(String baseUrl, Path requests, String mode, int seconds) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "wrk \"$@\"; s=$?; times >&2; exit $s", "wrk",
                "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "30s", "-s", script.toString(),
                baseUrl, "--", requests.toString(), Integer.toString(threads), mode));
        Process p = new ProcessBuilder(command).start();
        AtomicInteger threadsDone = new AtomicInteger();
        List<String> out = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (out) {
                        out.add(line);
                    }
                    if (line.equals("BOOTSTORM-THREAD-DONE") && threadsDone.incrementAndGet() == threads) {
                        interrupt(p); // wrk's main thread sleeps out -d otherwise
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "wrk-output");
        reader.start();
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            interrupt(p);
            p.waitFor(30, TimeUnit.SECONDS);
        }
        reader.join(10_000);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String result;
        synchronized (out) {
            result = out.stream().filter(l -> l.startsWith("BOOTSTORM-RESULT ")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("wrk gave no result (exit " + p.exitValue() + "): " + out + err));
        }
        Map<String, Long> v = new HashMap<>();
        for (String kv : result.substring("BOOTSTORM-RESULT ".length()).split(" ")) {
            int eq = kv.indexOf('=');
            v.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
        }
        return new Pass(v.get("requests"), v.get("duration_us"), v.get("listed"), v.get("walk_us"), v.get("p50_us"),
                v.get("p99_us"), v.get("non2xx"), v.get("connect") + v.get("read") + v.get("write") + v.get("timeout"),
                v.get("ok"), v.get("not_found"), v.get("other"), childCpuSeconds(err));
    }

    /** SIGINT to wrk itself (the bash wrapper's child): it stops its threads, prints and calls done(). */
    private static void interrupt(Process wrapper) {
        wrapper.toHandle().children().forEach(wrk -> {
            try {
                new ProcessBuilder("kill", "-INT", Long.toString(wrk.pid())).start().waitFor();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not interrupt wrk " + wrk.pid(), e);
            }
        });
    }

    /** bash's {@code times}: the second line is the user and system time of its children, i.e. wrk. */
    private static double childCpuSeconds(String stderr) {
        List<String> lines = stderr.lines().filter(l -> TIMES.matcher(l).matches()).toList();
        if (lines.size() < 2) {
            return Double.NaN;
        }
        Matcher m = TIMES.matcher(lines.get(lines.size() - 1));
        m.matches();
        return Long.parseLong(m.group(1)) * 60 + Double.parseDouble(m.group(2))
                + Long.parseLong(m.group(3)) * 60 + Double.parseDouble(m.group(4));
    }
}
