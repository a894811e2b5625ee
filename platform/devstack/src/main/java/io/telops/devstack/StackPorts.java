package io.telops.devstack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.telops.testkit.LoopbackPorts;

/**
 * The ports of the local run: those of the design brief by default, or free ones (for tests). With several Kafka
 * nodes each has a client and a controller port; with several instances of each service, each instance has its own
 * HTTP port (and billing's its own FastAGI port). Index 0 is always the first node or instance.
 */
public record StackPorts(List<Integer> kafkaNodes, List<Integer> kafkaControllers, int postgres, int mongo,
                         List<Integer> fastAgiPorts, int vatsSimulator, int plivoFake,
                         Map<String, List<Integer>> instances) {

    /** Ports of the design brief: one broker, one instance of each service. */
    public static StackPorts standard() {
        return standard(1, 1);
    }

    /**
     * The design brief's ports for the first node and instance; node n adds 2(n-1) to Kafka's 9092/9093, instance k
     * adds 100k to a service's HTTP port and k to FastAGI's 4573.
     */
    public static StackPorts standard(int brokers, int replicas) {
        Map<String, Integer> base = new LinkedHashMap<>();
        base.put("dashboard-service", 8080);
        base.put("event-ingest-service", 8081);
        base.put("call-forward-service", 8082);
        base.put("provisioning-service", 8083);
        base.put("billing-agi-service", 8084);
        base.put("vats-parser-service", 8085);
        Map<String, List<Integer>> instances = new LinkedHashMap<>();
        base.forEach((name, port) -> instances.put(name, series(port, 100, replicas)));
        return new StackPorts(series(9092, 2, brokers), series(9093, 2, brokers), 5432, 27017, series(4573, 1, replicas),
                18085, 18082, instances);
    }

    public static StackPorts free() {
        return free(1, 1);
    }

    /**
     * Distinct free ports below Linux's ephemeral range (32768 and up). A port the kernel hands out for bind(0) lies
     * inside that range, so by the time a service starts, seconds later, an outgoing connection of the stack itself
     * (Kafka, PostgreSQL clients) may hold it as its local port and the service cannot listen.
     */
    public static StackPorts free(int brokers, int replicas) {
        Set<Integer> taken = new HashSet<>();
        Map<String, List<Integer>> instances = new LinkedHashMap<>();
        standard().instances().keySet().forEach(name -> instances.put(name, quietPorts(taken, replicas)));
        return new StackPorts(quietPorts(taken, brokers), quietPorts(taken, brokers), quietPort(taken), quietPort(taken),
                quietPorts(taken, replicas), quietPort(taken), quietPort(taken), instances);
    }

    /**
     * Free ports with a number of instances per service (those not named get one): a run that needs two instances
     * only of the services it breaks starts fewer JVMs. Billing gets one FastAGI port per instance.
     */
    public static StackPorts free(int brokers, Map<String, Integer> replicas) {
        Set<Integer> taken = new HashSet<>();
        Map<String, List<Integer>> instances = new LinkedHashMap<>();
        standard().instances().keySet().forEach(name -> instances.put(name, quietPorts(taken, replicas.getOrDefault(name, 1))));
        return new StackPorts(quietPorts(taken, brokers), quietPorts(taken, brokers), quietPort(taken), quietPort(taken),
                quietPorts(taken, replicas.getOrDefault("billing-agi-service", 1)), quietPort(taken), quietPort(taken),
                instances);
    }

    public StackPorts {
        kafkaNodes = List.copyOf(kafkaNodes);
        kafkaControllers = List.copyOf(kafkaControllers);
        fastAgiPorts = List.copyOf(fastAgiPorts);
        Map<String, List<Integer>> copy = new LinkedHashMap<>();
        instances.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        instances = java.util.Collections.unmodifiableMap(copy);
    }

    public int brokers() {
        return kafkaNodes.size();
    }

    /** The most instances any service has (all of them have as many unless built by {@link #free(int, Map)}). */
    public int replicas() {
        return instances.values().stream().mapToInt(List::size).max().orElse(1);
    }

    /** How many instances of {@code service} run. */
    public int replicas(String service) {
        List<Integer> ports = instances.get(service);
        if (ports == null) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        return ports.size();
    }

    /** The first Kafka node's client port. */
    public int kafka() {
        return kafkaNodes.get(0);
    }

    public int kafkaController() {
        return kafkaControllers.get(0);
    }

    /** The first billing instance's FastAGI port. */
    public int fastAgi() {
        return fastAgiPorts.get(0);
    }

    /** The first instance's HTTP port of each service. */
    public Map<String, Integer> http() {
        Map<String, Integer> first = new LinkedHashMap<>();
        instances.forEach((name, ports) -> first.put(name, ports.get(0)));
        return Map.copyOf(first);
    }

    public int httpPort(String service) {
        return httpPort(service, 0);
    }

    public int httpPort(String service, int instance) {
        List<Integer> ports = instances.get(service);
        if (ports == null) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        return ports.get(instance);
    }

    /** Every port of the run, named, for the check that none is taken before start. */
    public Map<String, Integer> named() {
        Map<String, Integer> all = new LinkedHashMap<>();
        for (int i = 0; i < kafkaNodes.size(); i++) {
            all.put("Kafka node " + (i + 1), kafkaNodes.get(i));
            all.put("Kafka node " + (i + 1) + " controller", kafkaControllers.get(i));
        }
        all.put("PostgreSQL", postgres);
        all.put("MongoDB", mongo);
        for (int i = 0; i < fastAgiPorts.size(); i++) {
            all.put("FastAGI #" + (i + 1), fastAgiPorts.get(i));
        }
        all.put("VATS cabinet simulator", vatsSimulator);
        all.put("Plivo fake", plivoFake);
        instances.forEach((name, ports) -> {
            for (int i = 0; i < ports.size(); i++) {
                all.put(name + " #" + (i + 1), ports.get(i));
            }
        });
        return all;
    }

    private static List<Integer> series(int first, int step, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one");
        }
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(first + step * i);
        }
        return ports;
    }

    private static List<Integer> quietPorts(Set<Integer> taken, int count) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(quietPort(taken));
        }
        return ports;
    }

    private static int quietPort(Set<Integer> taken) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            if (taken.add(port) && LoopbackPorts.isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port between 20000 and 32000");
    }
}
