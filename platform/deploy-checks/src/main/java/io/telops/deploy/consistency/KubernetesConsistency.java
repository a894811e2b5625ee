package io.telops.deploy.consistency;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.telops.deploy.catalog.DeployedService;
import io.telops.deploy.catalog.Store;

/**
 * What a rendered kustomization must hold for each service of design.md: a Deployment whose container
 * exposes the service's ports (HTTP first, named http) with probes on that port, sets at least the service's
 * environment keys with the right HTTP port and database, a Service on the HTTP port selecting exactly the
 * Deployment's pods, an HPA and a PDB exactly for the horizontally scaled services (whose Deployments leave
 * spec.replicas to the HPA; the others run exactly one replica), and the FastAGI TCP Service.
 */
public final class KubernetesConsistency {
    public static final String FASTAGI_SERVICE = "billing-agi-fastagi";

    private KubernetesConsistency() {
    }

    public static List<String> problems(RenderedObjects k8s, List<DeployedService> services, List<String> scaled) {
        List<String> problems = new ArrayList<>();
        for (DeployedService service : services) {
            String n = service.name();
            Optional<Container> found = k8s.container(n);
            if (found.isEmpty()) {
                problems.add(n + ": no Deployment with a container of that name");
                continue;
            }
            Container c = found.get();
            List<Integer> ports = c.getPorts().stream().map(ContainerPort::getContainerPort).toList();
            if (!ports.equals(service.ports())) {
                problems.add(n + ": container ports " + ports + ", expected " + service.ports());
            } else if (!"http".equals(c.getPorts().get(0).getName())) {
                problems.add(n + ": the HTTP port is not named http");
            }
            for (var probe : new Object[][] {{"readiness", c.getReadinessProbe()}, {"liveness", c.getLivenessProbe()}}) {
                var p = (io.fabric8.kubernetes.api.model.Probe) probe[1];
                if (p == null || p.getHttpGet() == null || !("http".equals(p.getHttpGet().getPort().getStrVal())
                        || Integer.valueOf(service.httpPort()).equals(p.getHttpGet().getPort().getIntVal()))) {
                    problems.add(n + ": " + probe[0] + " probe is not an HTTP GET on the http port");
                }
            }
            k8s.missingConfigMaps(c).forEach(cm -> problems.add(n + ": envFrom ConfigMap " + cm + " is not in the rendering"));
            Set<String> env = k8s.envNames(c);
            Set<String> missing = new TreeSet<>(service.requiredEnv());
            missing.removeAll(env);
            if (!missing.isEmpty()) {
                problems.add(n + ": environment lacks " + missing);
            }
            String httpPort = k8s.envValue(c, "QUARKUS_HTTP_PORT").orElse("");
            if (!httpPort.equals(String.valueOf(service.httpPort()))) {
                problems.add(n + ": QUARKUS_HTTP_PORT is '" + httpPort + "', expected " + service.httpPort());
            }
            if (service.store() instanceof Store.Postgres pg) {
                String url = k8s.envValue(c, "QUARKUS_DATASOURCE_JDBC_URL").orElse("");
                if (!url.startsWith("jdbc:postgresql://") || !url.endsWith(":5432/" + pg.database())) {
                    problems.add(n + ": QUARKUS_DATASOURCE_JDBC_URL '" + url + "' is not database " + pg.database() + " on 5432");
                }
            } else {
                String db = k8s.envValue(c, "QUARKUS_MONGODB_DATABASE").orElse("");
                if (!db.equals(service.store().database())) {
                    problems.add(n + ": QUARKUS_MONGODB_DATABASE is '" + db + "', expected " + service.store().database());
                }
            }
            Optional<Service> http = k8s.find(Service.class, n);
            if (http.isEmpty()) {
                problems.add(n + ": no Service");
            } else {
                List<Integer> servicePorts = http.get().getSpec().getPorts().stream().map(ServicePort::getPort).toList();
                if (!servicePorts.equals(List.of(service.httpPort()))) {
                    problems.add(n + ": Service ports " + servicePorts + ", expected [" + service.httpPort() + "]");
                }
                Map<String, String> podSelector = k8s.find(Deployment.class, n).orElseThrow().getSpec().getSelector().getMatchLabels();
                if (!podSelector.equals(http.get().getSpec().getSelector())) {
                    problems.add(n + ": Service selector " + http.get().getSpec().getSelector() + " is not the Deployment's " + podSelector);
                }
            }
            boolean expectScaling = scaled.contains(n);
            Integer replicas = k8s.find(Deployment.class, n).orElseThrow().getSpec().getReplicas();
            if (expectScaling && replicas != null) {
                problems.add(n + ": sets spec.replicas=" + replicas + " although its HorizontalPodAutoscaler owns the count");
            }
            if (!expectScaling && !Integer.valueOf(1).equals(replicas)) {
                problems.add(n + ": runs " + replicas + " replicas, expected exactly 1");
            }
            if (k8s.find(HorizontalPodAutoscaler.class, n).isPresent() != expectScaling) {
                problems.add(n + ": HorizontalPodAutoscaler " + (expectScaling ? "missing" : "unexpected"));
            }
            if (k8s.find(PodDisruptionBudget.class, n).isPresent() != expectScaling) {
                problems.add(n + ": PodDisruptionBudget " + (expectScaling ? "missing" : "unexpected"));
            }
            service.fastAgiPort().ifPresent(agi -> {
                Optional<Service> fastAgi = k8s.find(Service.class, FASTAGI_SERVICE);
                boolean ok = fastAgi.isPresent() && fastAgi.get().getSpec().getPorts().size() == 1
                        && agi.equals(fastAgi.get().getSpec().getPorts().get(0).getPort())
                        && "TCP".equals(fastAgi.get().getSpec().getPorts().get(0).getProtocol());
                if (!ok) {
                    problems.add(n + ": no TCP Service " + FASTAGI_SERVICE + " on port " + agi);
                }
            });
        }
        return problems;
    }
}
