package io.telops.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telops.contracts.Topics;
import io.telops.devstack.DevStack;
import io.telops.devstack.LocalSecrets;
import io.telops.devstack.ServiceInstance;
import io.telops.devstack.ServiceSpec;
import io.telops.devstack.StackPorts;

/**
 * The packaged platform with three Kafka nodes and two instances of every service (DevStack as a library), load on
 * every entry point at once, and one fault at a time: {@link #run(Fault)} starts the load, injects the fault, heals
 * it, stops the load, waits for the platform to settle and audits the stores.
 */
public final class FaultHarness implements AutoCloseable {
    /** Load per entry point; the default is small enough for a shared 2-core machine. */
    public record Load(double pushesPerSecond, double callbacksPerSecond, double callsPerSecond, double fetchesPerSecond,
                       double syncsPerSecond) {
        public static Load light() {
            return new Load(20, 4, 4, 4, 0.5);
        }
    }

    /** Phases of one fault run: load alone, the part broken, load after it is back. */
    public record Timing(Duration before, Duration after, Duration settleLimit) {
        public static Timing standard() {
            return new Timing(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(120));
        }
    }

    private static final String CALLER = "700100";

    private final DevStack stack;
    private final LocalSecrets secrets;
    private final Load load;
    private final Timing timing;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final AtomicLong macs = new AtomicLong(ThreadLocalRandom.current().nextInt(0x100000, 0xE00000));
    private final AtomicLong calls = new AtomicLong();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private Consumer<String> log = System.out::println;
    private String forwardNumber;

    /** Two instances of every service. */
    public FaultHarness(Path root, Path dataDir, Load load, Timing timing) {
        this(root, dataDir, load, timing, DevStack.SERVICES.stream()
                .collect(java.util.stream.Collectors.toMap(ServiceSpec::name, s -> 2)));
    }

    /** Instances per service as given (one for a service not named); the faults run must find the ones they break. */
    public FaultHarness(Path root, Path dataDir, Load load, Timing timing, Map<String, Integer> replicas) {
        this.secrets = LocalSecrets.withAdminPassword(Long.toHexString(ThreadLocalRandom.current().nextLong()) + "Fx");
        this.stack = new DevStack(root, dataDir, StackPorts.free(3, replicas), secrets).mongoInOwnProcess();
        if (Boolean.getBoolean("faults.dynamic-members")) {
            // -Dfaults.dynamic-members=true: the dashboard's consumers as a Deployment runs them (no static membership)
            stack.dynamicConsumerMembers();
        }
        this.load = load;
        this.timing = timing;
    }

    public FaultHarness onLog(Consumer<String> log) {
        this.log = log;
        stack.onProgress(log);
        return this;
    }

    public DevStack stack() {
        return stack;
    }

    /** Starts the platform and creates what the load needs: a billing account with money and a forwarding line. */
    public FaultHarness start() throws Exception {
        try {
            return seeded();
        } catch (Exception | Error e) {
            // a test whose @BeforeAll fails never closes what it started
            stack.close();
            throw e;
        }
    }

    private FaultHarness seeded() throws Exception {
        stack.start(Duration.ofMinutes(6));
        String billing = stack.url("billing-agi-service");
        expect(post(billing + "/api/users", "{\"username\":\"faults\",\"password\":\"" + runId + "-Faults-pass-1\",\"clid\":\""
                + CALLER + "\"}"), 201, 409);
        expect(post(billing + "/api/tariffs", "{\"prefix\":\"\",\"ratePerMinuteMinor\":1}"), 201, 409);
        expect(post(billing + "/api/balance", "{\"signal\":\"+\",\"value\":\"1000000000\",\"username\":\"faults\"}"), 200);
        HttpResponse<String> line = post(stack.url("call-forward-service") + "/api/lines",
                "{\"settings\":{\"name\":\"Fault line\",\"owner\":\"faults\",\"sipEndpoint\":\"sip:faults@phone.plivo.com\","
                        + "\"mobile\":\"14155550100\"},\"rental\":{\"countryIso\":\"US\",\"type\":\"local\"}}");
        expect(line, 201);
        Matcher number = Pattern.compile("\"forwardNumber\"\\s*:\\s*\"([^\"]+)\"").matcher(line.body());
        if (!number.find()) {
            throw new IllegalStateException("no forwardNumber in " + line.body());
        }
        forwardNumber = number.group(1);
        return this;
    }

    /** Runs the load with one fault in the middle and returns the audited row. */
    public FaultRow run(Fault fault) throws Exception {
        log.accept("fault: " + fault.name());
        Acknowledgements acks = new Acknowledgements();
        List<Driver> drivers = startLoad(acks);
        List<String> notes = new ArrayList<>();
        Thread.sleep(timing.before().toMillis());
        long injected = System.nanoTime();
        fault.inject(stack);
        log.accept(String.format("  injected after %.1f s of load; holding %d s", timing.before().toMillis() / 1e3,
                fault.hold().toSeconds()));
        AtomicBoolean watching = new AtomicBoolean(fault instanceof Fault.BrokerLeaderKill || fault instanceof Fault.BrokerStall);
        if (watching.get()) {
            watchLeader(injected, watching);
        }
        Thread.sleep(fault.hold().toMillis());
        fault.heal(stack);
        long healed = System.nanoTime();
        log.accept(String.format("  healed %.1f s after injection", (healed - injected) / 1e9));
        Audit audit = new Audit(stack);
        double recovery = awaitRecovery(audit, acks, healed, notes);
        watching.set(false);
        long remaining = timing.after().toNanos() - (System.nanoTime() - healed);
        if (remaining > 0) {
            Thread.sleep(remaining / 1_000_000);
        }
        drivers.forEach(Driver::stop);
        for (Driver d : drivers) {
            d.join();
        }
        long settled = settle(audit, acks, notes);
        if (settled >= 0) {
            notes.add(String.format("settled %.1f s after the load stopped", settled / 1e9));
        }
        FaultRow row = audit(fault, audit, acks, recovery, notes);
        // what the stack has cost so far, in CPU seconds (a killed JVM's share leaves with it)
        log.accept("  CPU so far: " + stack.cpuSeconds());
        return row;
    }

    private List<Driver> startLoad(Acknowledgements acks) {
        List<String> ingest = urls("event-ingest-service");
        List<Driver> drivers = new ArrayList<>();
        // four pushing threads: a stalled request holds only its own thread
        for (int i = 0; i < 4; i++) {
            drivers.add(new PhonePushes(ingest, macs, acks, load.pushesPerSecond() / 4).start("push-" + i));
        }
        drivers.add(new PlivoCallbacks(urls("call-forward-service"), secrets.plivoAuthToken(), forwardNumber, acks,
                load.callbacksPerSecond()).start("plivo"));
        for (int i = 0; i < 2; i++) {
            drivers.add(new AgiCalls(stack.ports().fastAgiPorts(), CALLER, runId, calls, acks, load.callsPerSecond() / 2)
                    .start("agi-" + i));
        }
        drivers.add(Fetches.provisioning(urls("provisioning-service"), acks, load.fetchesPerSecond()).start("fetch"));
        drivers.add(Fetches.trunkSyncs(urls("vats-parser-service"), secrets.adminPassword(), acks, load.syncsPerSecond())
                .start("sync"));
        return drivers;
    }

    /**
     * Seconds from {@code healed} until every tracked item acknowledged before {@code healed} is in the dashboard's read
     * model (-1 past the settle limit). When every instance answered ready again is noted beside it: on a starved
     * machine a readiness probe can time out long after the data has caught up, which says nothing about the fault.
     */
    private double awaitRecovery(Audit audit, Acknowledgements acks, long healed, List<String> notes)
            throws InterruptedException {
        long deadline = healed + timing.settleLimit().toNanos();
        double recovered = -1;
        String blocking = "nothing polled";
        boolean readyNoted = false;
        long lastShown = 0;
        while (System.nanoTime() < deadline) {
            try {
                if (recovered < 0) {
                    long missing = undelivered(audit, acks, healed);
                    if (missing == 0) {
                        recovered = (System.nanoTime() - healed) / 1e9;
                        log.accept(String.format("  recovered %.1f s after the part was back", recovered));
                    } else {
                        blocking = missing + " acknowledged items not yet in the dashboard";
                        lastShown = showWhereTheyWait(audit, acks, healed, lastShown);
                    }
                }
                List<String> notReady = stack.instances().stream().filter(i -> !stack.isReady(i))
                        .map(ServiceInstance::id).toList();
                if (notReady.isEmpty()) {
                    if (!readyNoted) {
                        notes.add(String.format("every instance ready %.1f s after the part was back",
                                (System.nanoTime() - healed) / 1e9));
                        readyNoted = true;
                    }
                    if (recovered >= 0) {
                        return recovered;
                    }
                } else {
                    blocking = "not ready: " + notReady;
                }
            } catch (Exception notYet) {
                blocking = notYet.toString();
            }
            Thread.sleep(500);
        }
        notes.add("within " + timing.settleLimit().toSeconds() + " s of the part's return, last: " + blocking);
        return recovered;
    }

    /**
     * Every 2 s while acknowledged items are missing: how many, and whether they wait in an outbox or in a group's
     * lag (neither: applied but not yet visible, or inside a consumer); where a recovery's seconds go.
     */
    private long showWhereTheyWait(Audit audit, Acknowledgements acks, long healed, long lastShown) {
        long now = System.nanoTime();
        if (now - lastShown < 2_000_000_000L) {
            return lastShown;
        }
        String where;
        try {
            where = "missing " + undeliveredByFlow(audit, acks, healed) + "; outbox " + audit.outboxDepths() + ", lag "
                    + audit.consumerLags();
        } catch (Exception e) {
            where = "cannot read: " + e;
        }
        log.accept(String.format("  +%.1f s: %s", (now - healed) / 1e9, where));
        return now;
    }

    /**
     * Logs each change of the phone events' partition 0 leader (-1: none) while {@code watching}: the election's time.
     * A flag, not an interrupt: the admin client swallows the interrupt of a call in progress.
     */
    private void watchLeader(long injected, AtomicBoolean watching) {
        Thread watch = new Thread(() -> {
            int last = Integer.MIN_VALUE;
            while (watching.get()) {
                int leader;
                try {
                    leader = stack.kafka().leaderOf(Topics.PHONE_EVENTS, 0);
                } catch (RuntimeException e) {
                    leader = -2;
                }
                if (leader != last && watching.get()) {
                    log.accept(String.format("  +%.1f s after injection: partition 0 leader %s", (System.nanoTime() - injected) / 1e9,
                            leader == -2 ? "unknown (no answer)" : leader == -1 ? "none" : "node " + leader));
                    last = leader;
                }
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "leader-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /**
     * After the load: waits until outboxes are drained, consumers caught up and every acknowledged item delivered.
     * Each poll's readings are logged when they change, and the last one goes into the NOT SETTLED note: a check
     * that never passes must say which reading (or which failure to read) held it.
     */
    private long settle(Audit audit, Acknowledgements acks, List<String> notes) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timing.settleLimit().toNanos();
        String last = "nothing polled";
        while (System.nanoTime() < deadline) {
            String reading;
            boolean settled = false;
            try {
                Map<String, Long> depths = audit.outboxDepths();
                Map<String, Long> lags = audit.consumerLags();
                long missing = undelivered(audit, acks, Long.MAX_VALUE);
                reading = "outbox " + depths + ", lag " + lags + ", undelivered " + missing;
                settled = depths.values().stream().allMatch(d -> d == 0) && lags.values().stream().allMatch(l -> l == 0)
                        && missing == 0;
            } catch (Exception notYet) {
                reading = "cannot read: " + notYet;
            }
            if (!reading.equals(last)) {
                log.accept(String.format("  settle +%.1f s: %s", (System.nanoTime() - start) / 1e9, reading));
                last = reading;
            }
            if (settled) {
                return System.nanoTime() - start;
            }
            Thread.sleep(500);
        }
        notes.add("NOT SETTLED within " + timing.settleLimit().toSeconds() + " s; last reading: " + last);
        return -1;
    }

    private long undelivered(Audit audit, Acknowledgements acks, long until) throws Exception {
        return undeliveredByFlow(audit, acks, until).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Acknowledged up to {@code until} and not in the read model, per tracked flow. */
    private Map<Flow, Long> undeliveredByFlow(Audit audit, Acknowledgements acks, long until) throws Exception {
        Map<Flow, Long> missing = new EnumMap<>(Flow.class);
        for (Flow flow : Flow.values()) {
            if (flow.tracked()) {
                List<String> ids = acks.ids(flow, until);
                missing.put(flow, (long) new HashSet<>(ids).size() - audit.occurrences(flow, ids).size());
            }
        }
        return missing;
    }

    private FaultRow audit(Fault fault, Audit audit, Acknowledgements acks, double recovery, List<String> notes)
            throws Exception {
        long acknowledged = 0, delivered = 0, lost = 0, duplicated = 0, unanswered = 0;
        Map<Flow, long[]> perFlow = new EnumMap<>(Flow.class);
        for (Flow flow : Flow.values()) {
            List<String> ids = acks.ids(flow);
            unanswered += acks.failedCount(flow);
            if (!flow.tracked()) {
                perFlow.put(flow, new long[] {acks.sentCount(flow), ids.size(), 0, 0, 0});
                continue;
            }
            Set<String> unique = new HashSet<>(ids);
            Map<String, Integer> found = audit.occurrences(flow, unique);
            long flowLost = unique.stream().filter(id -> !found.containsKey(id)).count();
            long flowDup = found.values().stream().mapToLong(n -> n - 1L).sum();
            perFlow.put(flow, new long[] {acks.sentCount(flow), unique.size(), found.size(), flowLost, flowDup});
            acknowledged += unique.size();
            delivered += found.size();
            lost += flowLost;
            duplicated += flowDup;
        }
        FaultRow row = new FaultRow(fault.name(), acknowledged, delivered, lost, duplicated, unanswered, recovery, perFlow,
                audit.ledgerViolations(), notes);
        log.accept(row.detail());
        return row;
    }

    private List<String> urls(String service) {
        return stack.instances().stream().filter(i -> i.service().equals(service)).map(stack::url).toList();
    }

    /** An admin POST; a timeout (a loaded machine) is tried again, so every seed call is one that may repeat. */
    private HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return postOnce(url, json);
            } catch (java.net.http.HttpTimeoutException e) {
                if (attempt == 3) {
                    throw e;
                }
                log.accept("  " + url + " timed out; again");
            }
        }
    }

    private HttpResponse<String> postOnce(String url, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + secrets.adminPassword()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int... statuses) {
        for (int s : statuses) {
            if (response.statusCode() == s) {
                return;
            }
        }
        throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
    }

    @Override
    public void close() {
        stack.close();
    }
}
