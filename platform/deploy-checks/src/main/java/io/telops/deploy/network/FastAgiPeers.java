package io.telops.deploy.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.telops.deploy.consistency.KubernetesConsistency;
import io.telops.deploy.consistency.RenderedObjects;
import io.telops.security.Cidr;

/**
 * The PBX CIDRs of a rendering, in the three places they are written (billing's TELOPS_FASTAGI_ALLOWED_PEERS, the
 * FastAGI NetworkPolicy's ipBlocks, the load balancer's source ranges when the Service is a LoadBalancer): the same
 * set everywhere, not empty, never the whole internet.
 */
public final class FastAgiPeers {
    public static final String POLICY = "billing-agi-fastagi";
    public static final String VARIABLE = "TELOPS_FASTAGI_ALLOWED_PEERS";

    private FastAgiPeers() {
    }

    /** The CIDRs billing admits, from its rendered environment. */
    public static List<String> configured(RenderedObjects k8s) {
        return k8s.container("billing-agi-service").flatMap(c -> k8s.envValue(c, VARIABLE))
                .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    public static List<String> problems(RenderedObjects k8s) {
        List<String> problems = new ArrayList<>();
        Set<Cidr> env = cidrs(configured(k8s), VARIABLE, false, problems);
        if (env.isEmpty()) {
            problems.add(VARIABLE + " is not set for billing-agi-service");
        }
        Optional<NetworkPolicy> policy = k8s.find(NetworkPolicy.class, POLICY);
        if (policy.isEmpty()) {
            problems.add("no NetworkPolicy " + POLICY);
        } else {
            List<String> blocks = new ArrayList<>();
            policy.get().getSpec().getIngress().forEach(rule -> rule.getFrom().stream().map(NetworkPolicyPeer::getIpBlock)
                    .forEach(block -> blocks.add(block == null ? "<a non-ipBlock peer>" : block.getCidr())));
            Set<Cidr> fromPolicy = cidrs(blocks, "NetworkPolicy " + POLICY, true, problems);
            if (!fromPolicy.equals(env)) {
                problems.add("NetworkPolicy " + POLICY + " admits " + blocks + ", billing admits " + configured(k8s));
            }
        }
        Optional<Service> service = k8s.find(Service.class, KubernetesConsistency.FASTAGI_SERVICE);
        if (service.isPresent() && "LoadBalancer".equals(service.get().getSpec().getType())) {
            List<String> ranges = service.get().getSpec().getLoadBalancerSourceRanges();
            Set<Cidr> fromBalancer = cidrs(ranges == null ? List.of() : ranges, "loadBalancerSourceRanges", true, problems);
            if (!fromBalancer.equals(env)) {
                problems.add("Service " + KubernetesConsistency.FASTAGI_SERVICE + " loadBalancerSourceRanges " + ranges
                        + ", billing admits " + configured(k8s));
            }
            if (!"Local".equals(service.get().getSpec().getExternalTrafficPolicy())) {
                problems.add("Service " + KubernetesConsistency.FASTAGI_SERVICE
                        + " is a LoadBalancer without externalTrafficPolicy: Local (the pods would not see the PBX's address)");
            }
        }
        return problems;
    }

    /**
     * Parsed as billing parses its list (platform/security's Cidr: a bare address is that address); a Kubernetes
     * field must also be written address/prefix, as the API server demands.
     */
    private static Set<Cidr> cidrs(List<String> texts, String where, boolean kubernetesField, List<String> problems) {
        Set<Cidr> out = new LinkedHashSet<>();
        for (String text : texts) {
            if (kubernetesField && !text.contains("/")) {
                problems.add(where + ": not address/prefix: " + text);
            }
            try {
                Cidr cidr = Cidr.parse(text);
                if (cidr.prefix() == 0) {
                    problems.add(where + " admits the whole internet (" + text + ")");
                }
                out.add(cidr);
            } catch (RuntimeException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        return out;
    }
}
