package io.telops.devstack;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.telops.testkit.LoopbackPorts;

/** The ports of the local run: those of the design brief by default, or free ones (for tests). */
public record StackPorts(int kafka, int kafkaController, int postgres, int mongo, int fastAgi, int vatsSimulator,
                         int plivoFake, Map<String, Integer> http) {

    public static StackPorts standard() {
        Map<String, Integer> http = new LinkedHashMap<>();
        http.put("dashboard-service", 8080);
        http.put("event-ingest-service", 8081);
        http.put("call-forward-service", 8082);
        http.put("provisioning-service", 8083);
        http.put("billing-agi-service", 8084);
        http.put("vats-parser-service", 8085);
        return new StackPorts(9092, 9093, 5432, 27017, 4573, 18085, 18082, Map.copyOf(http));
    }

    /**
     * Distinct free ports below Linux's ephemeral range (32768 and up). A port the kernel hands out for bind(0) lies
     * inside that range, so by the time a service starts, seconds later, an outgoing connection of the stack itself
     * (Kafka, PostgreSQL clients) may hold it as its local port and the service cannot listen.
     */
    public static StackPorts free() {
        Set<Integer> taken = new HashSet<>();
        Map<String, Integer> http = new LinkedHashMap<>();
        standard().http().keySet().forEach(name -> http.put(name, quietPort(taken)));
        return new StackPorts(quietPort(taken), quietPort(taken), quietPort(taken), quietPort(taken), quietPort(taken),
                quietPort(taken), quietPort(taken), Map.copyOf(http));
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

    public int httpPort(String service) {
        Integer port = http.get(service);
        if (port == null) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        return port;
    }
}
