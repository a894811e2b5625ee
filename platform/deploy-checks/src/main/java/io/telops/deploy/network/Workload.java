package io.telops.deploy.network;

import java.util.Map;

/** Pods that receive connections: their namespace, labels and named container ports. */
public record Workload(String name, String namespace, Map<String, String> labels, Map<String, Integer> namedPorts) {
}
