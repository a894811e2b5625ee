package io.telops.deploy.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.telops.deploy.RepositoryFiles;
import io.telops.deploy.catalog.DeployedService;
import io.telops.deploy.catalog.Store;
import io.telops.deploy.catalog.TelopsServices;
import io.telops.deploy.consistency.RenderedObjects;
import io.telops.deploy.kustomize.KustomizeRenderer;
import io.telops.deploy.manifest.KubernetesModel;
import io.telops.security.Cidr;

/**
 * The rendered NetworkPolicies of base, dev and prod, evaluated for every pair of a likely client and a listening
 * port: each service is reachable from exactly what needs it (the ingress controller, Prometheus, the PBXes, the
 * services to their stores) and from nothing else; the PBX CIDRs agree in their three places.
 */
class NetworkPolicyTest {
    private static final Set<String> BEHIND_INGRESS = Set.of("dashboard-service", "event-ingest-service",
            "call-forward-service", "provisioning-service");

    static Stream<Path> kustomizations() {
        return Stream.of(RepositoryFiles.k8s().resolve("base"), RepositoryFiles.k8s().resolve("overlays/dev"),
                RepositoryFiles.k8s().resolve("overlays/prod"));
    }

    static RenderedObjects render(Path kustomization) {
        KubernetesModel model = new KubernetesModel();
        return new RenderedObjects(kustomization.toString(), new KustomizeRenderer().render(kustomization).stream()
                .map(tree -> model.read(tree, kustomization.toString()).object()).toList());
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyPortIsReachableFromWhatNeedsItAndNothingElse(Path kustomization) {
        RenderedObjects k8s = render(kustomization);
        String ns = k8s.find(Deployment.class, "billing-agi-service").orElseThrow().getMetadata().getNamespace();
        String namespace = ns == null ? "" : ns;
        boolean storePolicies = k8s.find(NetworkPolicy.class, "telops-postgres-cluster").isPresent();
        IngressPolicies policies = new IngressPolicies(k8s.objects().stream().filter(NetworkPolicy.class::isInstance)
                .map(NetworkPolicy.class::cast).toList());

        List<Workload> workloads = new ArrayList<>();
        Map<String, Peer> peers = new LinkedHashMap<>();
        for (DeployedService service : TelopsServices.ALL) {
            Deployment d = k8s.find(Deployment.class, service.name()).orElseThrow();
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (ContainerPort p : k8s.container(service.name()).orElseThrow().getPorts()) {
                ports.put(p.getName(), p.getContainerPort());
            }
            workloads.add(new Workload(service.name(), namespace, labels, ports));
            peers.put(service.name(), Peer.Pod.in(service.name(), namespace, labels));
        }
        // the pods the operators of k8s/infra-examples start, with the labels they put on them
        Workload kafka = new Workload("kafka", namespace, Map.of("strimzi.io/cluster", "telops-kafka",
                "strimzi.io/kind", "Kafka", "strimzi.io/name", "telops-kafka-kafka", "strimzi.io/pool-name", "dual-role"),
                Map.of("tcp-clients", 9092));
        Workload postgres = new Workload("postgres", namespace, Map.of("cnpg.io/cluster", "telops-postgres",
                "cnpg.io/instanceRole", "primary"), Map.of("postgresql", 5432, "status", 8000));
        Workload mongo = new Workload("mongo", namespace, Map.of("app", "telops-mongo-svc"), Map.of("mongodb", 27017));
        workloads.addAll(List.of(kafka, postgres, mongo));
        peers.put("postgres", Peer.Pod.in("postgres", namespace, postgres.labels()));
        peers.put("mongo", Peer.Pod.in("mongo", namespace, mongo.labels()));
        peers.put("cnpg-operator", Peer.Pod.in("cnpg-operator", "cnpg-system", Map.of("app.kubernetes.io/name", "cloudnative-pg")));
        peers.put("ingress-controller", Peer.Pod.in("ingress-controller", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx")));
        peers.put("prometheus", Peer.Pod.in("prometheus", "monitoring", Map.of("app.kubernetes.io/name", "prometheus")));
        // the same labels in the wrong namespace, the wrong labels in the right ones
        peers.put("fake-ingress-elsewhere", Peer.Pod.in("fake-ingress-elsewhere", "team-x", Map.of("app.kubernetes.io/name", "ingress-nginx")));
        peers.put("grafana", Peer.Pod.in("grafana", "monitoring", Map.of("app.kubernetes.io/name", "grafana")));
        peers.put("stranger-in-namespace", Peer.Pod.in("stranger-in-namespace", namespace, Map.of("app", "debug")));
        List<String> pbxes = new ArrayList<>();
        for (String cidr : FastAgiPeers.configured(k8s)) {
            String address = firstAddress(cidr);
            pbxes.add("pbx " + address);
            peers.put("pbx " + address, new Peer.Address("pbx " + address, address));
        }
        assertThat(pbxes).as("billing's configured PBXes").isNotEmpty();
        peers.put("internet", new Peer.Address("internet", "198.51.100.77"));

        Set<String> expected = new TreeSet<>();
        for (DeployedService service : TelopsServices.ALL) {
            String http = service.name() + ":" + service.httpPort();
            expected.add("prometheus -> " + http);
            if (BEHIND_INGRESS.contains(service.name())) {
                expected.add("ingress-controller -> " + http);
            }
            service.fastAgiPort().ifPresent(agi -> pbxes.forEach(pbx -> expected.add(pbx + " -> " + service.name() + ":" + agi)));
            expected.add(service.name() + " -> kafka:9092");
            if (service.store() instanceof Store.Postgres) {
                expected.add(service.name() + " -> postgres:5432");
            } else {
                expected.add(service.name() + " -> mongo:27017");
            }
        }
        if (storePolicies) {
            for (String port : List.of("5432", "8000")) {
                expected.add("postgres -> postgres:" + port);
                expected.add("cnpg-operator -> postgres:" + port);
            }
            expected.add("mongo -> mongo:27017");
        }

        Set<String> admitted = new TreeSet<>();
        for (Workload to : workloads) {
            for (int port : to.namedPorts().values()) {
                for (Peer from : peers.values()) {
                    if (!from.name().equals(to.name()) || to == postgres || to == mongo) {
                        if (policies.admits(from, to, port)) {
                            admitted.add(from.name() + " -> " + to.name() + ":" + port);
                        }
                    }
                }
            }
        }
        assertThat(admitted).as(kustomization.toString()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void thePbxCidrsAgreeInTheirThreePlaces(Path kustomization) {
        assertThat(FastAgiPeers.problems(render(kustomization))).isEmpty();
    }

    @Test
    void prodPutsFastAgiOnALoadBalancerLimitedToThePbxes() {
        RenderedObjects prod = render(RepositoryFiles.k8s().resolve("overlays/prod"));
        Service fastAgi = prod.find(Service.class, "billing-agi-fastagi").orElseThrow();
        assertThat(fastAgi.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(fastAgi.getSpec().getLoadBalancerSourceRanges()).isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(FastAgiPeers.configured(prod));
    }

    @Test
    void aPbxListThatDisagreesOrOpensEverythingIsCaught() {
        RenderedObjects prod = render(RepositoryFiles.k8s().resolve("overlays/prod"));
        Service fastAgi = prod.find(Service.class, "billing-agi-fastagi").orElseThrow();
        fastAgi.getSpec().setLoadBalancerSourceRanges(List.of("0.0.0.0/0"));
        fastAgi.getSpec().setExternalTrafficPolicy("Cluster");
        prod.find(NetworkPolicy.class, FastAgiPeers.POLICY).orElseThrow().getSpec().getIngress().get(0).getFrom().get(0)
                .getIpBlock().setCidr("203.0.113.0/24");
        assertThat(FastAgiPeers.problems(prod)).containsExactlyInAnyOrder(
                "loadBalancerSourceRanges admits the whole internet (0.0.0.0/0)",
                "NetworkPolicy billing-agi-fastagi admits [203.0.113.0/24], billing admits [203.0.113.10/32]",
                "Service billing-agi-fastagi loadBalancerSourceRanges [0.0.0.0/0], billing admits [203.0.113.10/32]",
                "Service billing-agi-fastagi is a LoadBalancer without externalTrafficPolicy: Local (the pods would not see the PBX's address)");
    }

    @Test
    void billingsListIsReadAsBillingReadsItAndTheKubernetesFieldsAsTheApiServerDoes() {
        RenderedObjects prod = render(RepositoryFiles.k8s().resolve("overlays/prod"));
        // billing parses its list with platform/security's Cidr, which admits a bare address as that one address
        prod.container("billing-agi-service").orElseThrow().getEnv().add(0, new EnvVar(FastAgiPeers.VARIABLE, "203.0.113.10", null));
        assertThat(FastAgiPeers.problems(prod)).isEmpty();
        // an ipBlock or a source range must be written address/prefix, or the API server refuses the object
        prod.find(NetworkPolicy.class, FastAgiPeers.POLICY).orElseThrow().getSpec().getIngress().get(0).getFrom().get(0)
                .getIpBlock().setCidr("203.0.113.10");
        assertThat(FastAgiPeers.problems(prod)).containsExactly("NetworkPolicy billing-agi-fastagi: not address/prefix: 203.0.113.10");
    }

    @Test
    void theEvaluatorFollowsKubernetesSemantics() {
        Workload app = new Workload("app", "ns", Map.of("app", "x"), Map.of("http", 8080));
        Peer.Pod neighbour = Peer.Pod.in("neighbour", "ns", Map.of("role", "client"));
        // no policy selects the pod: everything gets in
        assertThat(new IngressPolicies(List.of()).admits(neighbour, app, 8080)).isTrue();
        RenderedObjects k8s = render(RepositoryFiles.k8s().resolve("base"));
        IngressPolicies base = new IngressPolicies(List.of(k8s.find(NetworkPolicy.class, "default-deny-ingress").orElseThrow()));
        // base renders without a namespace: the default deny selects every pod of that (empty) namespace
        Workload inBase = new Workload("app", "", Map.of("app", "x"), Map.of("http", 8080));
        assertThat(base.admits(Peer.Pod.in("n", "", Map.of()), inBase, 8080)).isFalse();
        assertThat(new Cidr(new byte[] {(byte) 203, 0, 113, 0}, 24).contains("203.0.113.77")).isTrue();
        assertThat(Cidr.parse("203.0.113.0/24").contains("203.0.114.1")).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8::1")).isTrue();
    }

    private static String firstAddress(String cidr) {
        try {
            return InetAddress.getByAddress(Cidr.parse(cidr).network()).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
