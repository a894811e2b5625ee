package io.telops.deploy.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/**
 * The meters the services' main sources register with Micrometer under a literal name, and the Prometheus series
 * each one becomes at /q/metrics (computed by Micrometer's Prometheus registry itself, not by a copy of its rules). Found by reading the sources, not by running them: {@code registry.counter("a.b")},
 * {@code Counter/Timer/DistributionSummary/Gauge/FunctionCounter.builder("a.b")}, {@code registry.gauge/timer/summary},
 * a helper called {@code counter/timer/gauge("a.b", ...)}, {@code @Counted("a.b")} and {@code @Timed("a.b")}. A meter
 * whose name is built at run time is not found: rules may not use it, which errs on the safe side.
 */
public final class ExportedMetrics {
    /** The meter kinds whose Prometheus names differ. */
    public enum Type { COUNTER, GAUGE, TIMER, SUMMARY }

    /**
     * One registration: service module, Micrometer name, kind, base unit (or null), and whether its statement asks
     * for a percentile histogram (the _bucket series) or client-side percentiles (the quantile series).
     */
    public record Meter(String service, String name, Type type, String baseUnit, boolean histogram, boolean percentiles,
            Path source) {
    }

    private static final Pattern REGISTRATION = Pattern.compile(
            "\\b(?:(Counter|FunctionCounter|Timer|DistributionSummary|Gauge|TimeGauge)\\.builder"
                    + "|(counter|timer|gauge|summary))\\(\\s*\"([^\"]+)\""
                    + "|@(Counted|Timed)\\(\\s*(?:value\\s*=\\s*)?\"([^\"]+)\"");
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\\s*\"([^\"]+)\"");

    private final List<Meter> meters;
    private final Map<String, List<Meter>> bySeries = new TreeMap<>();

    private ExportedMetrics(List<Meter> meters) {
        this.meters = List.copyOf(meters);
        for (Meter m : meters) {
            for (String s : seriesOf(m)) {
                bySeries.computeIfAbsent(s, k -> new ArrayList<>()).add(m);
            }
        }
    }

    /** The platform runtime modules whose meters a service exports when its pom depends on them. */
    private static final List<String> RUNTIME_MODULES = List.of("outbox", "events", "security");

    /**
     * Reads src/main/java of each service module under the repository root, and of each platform runtime module the
     * service depends on (its meters are registered in the service's registry, so the service exports them).
     */
    public static ExportedMetrics scan(Path repositoryRoot, Collection<String> services) {
        List<Meter> meters = new ArrayList<>();
        for (String service : services) {
            Path sources = repositoryRoot.resolve(service).resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                throw new IllegalArgumentException("no sources for " + service + " at " + sources);
            }
            meters.addAll(readTree(service, sources));
            for (String module : runtimeModulesOf(repositoryRoot.resolve(service).resolve("pom.xml"))) {
                meters.addAll(readTree(service, repositoryRoot.resolve("platform").resolve(module).resolve("src/main/java")));
            }
        }
        return new ExportedMetrics(meters);
    }

    private static List<String> runtimeModulesOf(Path pom) {
        try {
            String text = Files.readString(pom);
            return RUNTIME_MODULES.stream().filter(m -> text.contains("<artifactId>" + m + "</artifactId>")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Meter> readTree(String service, Path sources) {
        List<Meter> meters = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                meters.addAll(read(service, file, Files.readString(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return meters;
    }

    static List<Meter> read(String service, Path file, String source) {
        List<Meter> out = new ArrayList<>();
        Matcher m = REGISTRATION.matcher(source);
        while (m.find()) {
            String builder = m.group(1);
            String call = m.group(2);
            String annotation = m.group(4);
            String name = builder != null || call != null ? m.group(3) : m.group(5);
            String kind = builder != null ? builder : call != null ? call : annotation;
            Type type = switch (kind) {
                case "Counter", "FunctionCounter", "counter", "Counted" -> Type.COUNTER;
                case "Gauge", "TimeGauge", "gauge" -> Type.GAUGE;
                case "Timer", "timer", "Timed" -> Type.TIMER;
                default -> Type.SUMMARY;
            };
            // the statement that registers it: up to the next semicolon (an annotation has none of these options)
            int end = source.indexOf(';', m.end());
            String statement = annotation != null || end < 0 ? "" : source.substring(m.start(), end);
            Matcher unit = BASE_UNIT.matcher(statement);
            // AgiMetrics wraps its builders in histogram(...), which publishes the percentile histogram
            String before = source.substring(Math.max(0, m.start() - 10), m.start());
            boolean histogram = statement.contains("publishPercentileHistogram") || before.endsWith("histogram(");
            out.add(new Meter(service, name, type, unit.find() ? unit.group(1) : null, histogram,
                    statement.contains("publishPercentiles("), file));
        }
        return out;
    }

    /**
     * The series names a meter shows at /q/metrics, as Micrometer's own Prometheus registry (the simpleclient one
     * the services run) writes them: registered alike in a registry of its own, recorded once, scraped.
     */
    static List<String> seriesOf(Meter m) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            switch (m.type()) {
                case COUNTER -> Counter.builder(m.name()).baseUnit(m.baseUnit()).register(registry).increment();
                case GAUGE -> Gauge.builder(m.name(), () -> 1).baseUnit(m.baseUnit()).register(registry);
                case TIMER -> {
                    Timer.Builder timer = Timer.builder(m.name());
                    if (m.histogram()) {
                        timer.publishPercentileHistogram();
                    }
                    if (m.percentiles()) {
                        timer.publishPercentiles(0.5);
                    }
                    timer.register(registry).record(Duration.ofMillis(1));
                }
                case SUMMARY -> {
                    DistributionSummary.Builder summary = DistributionSummary.builder(m.name()).baseUnit(m.baseUnit());
                    if (m.histogram()) {
                        summary.publishPercentileHistogram();
                    }
                    if (m.percentiles()) {
                        summary.publishPercentiles(0.5);
                    }
                    summary.register(registry).record(1);
                }
            }
            Set<String> names = new TreeSet<>();
            for (String line : registry.scrape().split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.split("[{ ]", 2)[0]);
                }
            }
            return List.copyOf(names);
        } finally {
            registry.close();
        }
    }

    public List<Meter> meters() {
        return meters;
    }

    public boolean exports(String series) {
        return bySeries.containsKey(series);
    }

    /** The meters behind a series name: several services may register the same name. */
    public Optional<List<Meter>> metersOf(String series) {
        return Optional.ofNullable(bySeries.get(series));
    }

    public Collection<String> seriesNames() {
        return bySeries.keySet();
    }
}
