package io.telops.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

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

    public static StackPorts free() {
        Map<String, Integer> http = new LinkedHashMap<>();
        standard().http().keySet().forEach(name -> http.put(name, LoopbackPorts.free()));
        return new StackPorts(LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free(),
                LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free(), Map.copyOf(http));
    }

    public int httpPort(String service) {
        Integer port = http.get(service);
        if (port == null) {
            throw new IllegalArgumentException("unknown service " + service);
        }
        return port;
    }
}
