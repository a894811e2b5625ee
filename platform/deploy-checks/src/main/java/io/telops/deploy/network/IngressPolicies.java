package io.telops.deploy.network;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.telops.security.Cidr;

/**
 * The ingress half of Kubernetes NetworkPolicy semantics over a set of rendered policies: a pod no Ingress policy
 * selects admits everything; a selected pod admits a connection when some rule of a selecting policy matches both
 * its source (podSelector in the policy's namespace, namespaceSelector, both, or ipBlock) and its TCP port (by
 * number or by the pod's port name). ipBlock rules match outside addresses only: pod-to-pod traffic through an
 * ipBlock depends on the network plugin, so no rule here relies on it.
 */
public record IngressPolicies(List<NetworkPolicy> policies) {

    public boolean admits(Peer from, Workload to, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> namespace(p).equals(to.namespace()))
                .filter(p -> appliesToIngress(p))
                .filter(p -> matches(p.getSpec().getPodSelector(), to.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().anyMatch(p -> p.getSpec().getIngress().stream()
                .anyMatch(rule -> sourceMatches(p, rule, from) && portMatches(rule, to, port)));
    }

    private static boolean appliesToIngress(NetworkPolicy p) {
        List<String> types = p.getSpec().getPolicyTypes();
        return types == null || types.isEmpty() || types.contains("Ingress");
    }

    private static boolean sourceMatches(NetworkPolicy policy, NetworkPolicyIngressRule rule, Peer from) {
        if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
            return true;
        }
        return rule.getFrom().stream().anyMatch(peer -> peerMatches(policy, peer, from));
    }

    private static boolean peerMatches(NetworkPolicy policy, NetworkPolicyPeer peer, Peer from) {
        if (peer.getIpBlock() != null) {
            return from instanceof Peer.Address address && inBlock(peer.getIpBlock(), address.address());
        }
        if (!(from instanceof Peer.Pod pod)) {
            return false;
        }
        boolean namespaceOk = peer.getNamespaceSelector() == null
                ? pod.namespace().equals(namespace(policy))
                : matches(peer.getNamespaceSelector(), pod.namespaceLabels());
        boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), pod.labels());
        return namespaceOk && podOk;
    }

    private static boolean inBlock(IPBlock block, String address) {
        if (!Cidr.parse(block.getCidr()).contains(address)) {
            return false;
        }
        return block.getExcept() == null || block.getExcept().stream().noneMatch(e -> Cidr.parse(e).contains(address));
    }

    private static boolean portMatches(NetworkPolicyIngressRule rule, Workload to, int port) {
        if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : rule.getPorts()) {
            String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
            if (!"TCP".equals(protocol)) {
                continue;
            }
            IntOrString spec = p.getPort();
            if (spec == null) {
                return true;
            }
            Optional<Integer> number = spec.getIntVal() != null ? Optional.of(spec.getIntVal())
                    : Optional.ofNullable(to.namedPorts().get(spec.getStrVal()));
            int end = p.getEndPort() != null && number.isPresent() ? p.getEndPort() : number.orElse(-1);
            if (number.isPresent() && port >= number.get() && port <= end) {
                return true;
            }
        }
        return false;
    }

    /** matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist); an empty selector matches all. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null && !selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())))) {
            return false;
        }
        if (selector.getMatchExpressions() == null) {
            return true;
        }
        for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
            String value = labels.get(r.getKey());
            boolean ok = switch (r.getOperator()) {
                case "In" -> value != null && r.getValues().contains(value);
                case "NotIn" -> value == null || !r.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("unknown selector operator " + r.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String namespace(NetworkPolicy p) {
        return p.getMetadata().getNamespace() == null ? "" : p.getMetadata().getNamespace();
    }
}
