package io.telops.provisioning.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR execution-sample profile of this JVM during one warm pass, summarised as where the service's threads spend
 * their samples: per thread group, the share of samples with a given class on the stack, and the top frames.
 */
final class JfrProfile implements AutoCloseable {
    /** Inclusive markers: a sample counts for a label when any frame's class starts with one of the prefixes. */
    private static final Map<String, List<String>> MARKERS = markers();

    private final Recording recording = new Recording();

    private static Map<String, List<String>> markers() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("phone route (PhoneRoutes.handle and below)", List.of("io.telops.provisioning.serving.PhoneRoutes"));
        m.put("device credential check (DeviceAuthenticator)", List.of("io.telops.provisioning.serving.DeviceAuthenticator"));
        m.put("rendering (render.*)", List.of("io.telops.provisioning.render."));
        m.put("fetch recording (FetchRecorder, outbox)", List.of("io.telops.provisioning.serving.FetchRecorder",
                "io.telops.provisioning.events.", "io.telops.outbox"));
        m.put("Kafka client", List.of("org.apache.kafka."));
        m.put("PostgreSQL/Hibernate/Agroal", List.of("org.postgresql.", "org.hibernate.", "io.agroal."));
        m.put("Netty/Vert.x HTTP I/O", List.of("io.netty.", "io.vertx.core.http.", "io.vertx.core.net."));
        m.put("Micrometer", List.of("io.micrometer."));
        return m;
    }

    static JfrProfile start() {
        JfrProfile p = new JfrProfile();
        p.recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        p.recording.start();
        return p;
    }

    /** Stops, writes the recording to {@code file} and summarises it. */
    String stop(Path file) throws IOException {
        recording.stop();
        recording.dump(file);
        List<RecordedEvent> samples = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample") && e.getStackTrace() != null).toList();
        Map<String, Integer> groups = new HashMap<>();
        Map<String, Integer> marked = new LinkedHashMap<>();
        Map<String, Integer> eventLoopTop = new HashMap<>();
        int eventLoop = 0;
        for (RecordedEvent e : samples) {
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            String group = group(thread);
            groups.merge(group, 1, Integer::sum);
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            for (Map.Entry<String, List<String>> m : MARKERS.entrySet()) {
                Predicate<RecordedFrame> hit = f -> f.getMethod() != null
                        && m.getValue().stream().anyMatch(f.getMethod().getType().getName()::startsWith);
                if (frames.stream().anyMatch(hit)) {
                    marked.merge(m.getKey(), 1, Integer::sum);
                }
            }
            if (group.equals("vert.x event loops") && !frames.isEmpty() && frames.get(0).getMethod() != null) {
                eventLoop++;
                var top = frames.get(0).getMethod();
                eventLoopTop.merge(top.getType().getName() + "." + top.getName(), 1, Integer::sum);
            }
        }
        int total = samples.size();
        StringBuilder s = new StringBuilder("JFR execution samples (10 ms) of the service JVM: " + total + "\n");
        groups.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(g -> s.append("  thread group %-34s %5d  %5.1f %%%n".formatted(g.getKey(), g.getValue(), 100.0 * g.getValue() / total)));
        MARKERS.keySet().forEach(k -> {
            int n = marked.getOrDefault(k, 0);
            s.append("  on the stack: %-48s %5d  %5.1f %%%n".formatted(k, n, 100.0 * n / Math.max(1, total)));
        });
        s.append("  top frames of the event-loop samples (" + eventLoop + "):\n");
        int max = eventLoop;
        eventLoopTop.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(15)
                .forEach(t -> s.append("    %5.1f %%  %s%n".formatted(100.0 * t.getValue() / Math.max(1, max), t.getKey())));
        return s.toString();
    }

    private static String group(String thread) {
        if (thread.startsWith("vert.x-eventloop")) {
            return "vert.x event loops";
        }
        if (thread.startsWith("executor-thread") || thread.startsWith("vert.x-worker")) {
            return "worker threads";
        }
        if (thread.startsWith("kafka-producer")) {
            return "Kafka producer I/O";
        }
        return "other: " + thread.replaceAll("[-#]?\\d+$", "");
    }

    @Override
    public void close() {
        recording.close();
    }
}
