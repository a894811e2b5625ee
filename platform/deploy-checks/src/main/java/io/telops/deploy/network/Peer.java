package io.telops.deploy.network;

import java.util.Map;

/** Who opens a connection: a pod (by its namespace and labels) or an address outside the cluster. */
public sealed interface Peer {
    String name();

    /** A pod; {@code namespaceLabels} include kubernetes.io/metadata.name, as the API server sets it. */
    record Pod(String name, String namespace, Map<String, String> namespaceLabels, Map<String, String> labels)
            implements Peer {
        public static Pod in(String name, String namespace, Map<String, String> labels) {
            return new Pod(name, namespace, Map.of("kubernetes.io/metadata.name", namespace), labels);
        }
    }

    /** A client outside the cluster, as its address reaches the pod (externalTrafficPolicy: Local keeps it). */
    record Address(String name, String address) implements Peer {
    }
}
