package io.telops.deploy.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.telops.deploy.kustomize.ImageReference;

/**
 * The container rules of {@link Rule} over typed workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * Job, CronJob, Pod). Long-running containers need both probes; init containers and Jobs only the rest.
 */
public final class ContainerPolicy {
    private ContainerPolicy() {
    }

    public static List<Violation> check(List<? extends HasMetadata> objects) {
        List<Violation> violations = new ArrayList<>();
        for (HasMetadata object : objects) {
            podSpec(object).ifPresent(spec -> {
                String owner = object.getKind() + "/" + object.getMetadata().getName();
                boolean longRunning = !(object instanceof Job) && !(object instanceof CronJob);
                for (Container c : spec.getContainers()) {
                    check(owner + " container " + c.getName(), c, spec.getSecurityContext(), longRunning, violations);
                }
                for (Container c : spec.getInitContainers()) {
                    check(owner + " initContainer " + c.getName(), c, spec.getSecurityContext(), false, violations);
                }
            });
        }
        return violations;
    }

    public static Optional<PodSpec> podSpec(HasMetadata object) {
        if (object instanceof Deployment d && d.getSpec() != null && d.getSpec().getTemplate() != null) {
            return Optional.ofNullable(d.getSpec().getTemplate().getSpec());
        }
        if (object instanceof StatefulSet s && s.getSpec() != null && s.getSpec().getTemplate() != null) {
            return Optional.ofNullable(s.getSpec().getTemplate().getSpec());
        }
        if (object instanceof DaemonSet d && d.getSpec() != null && d.getSpec().getTemplate() != null) {
            return Optional.ofNullable(d.getSpec().getTemplate().getSpec());
        }
        if (object instanceof ReplicaSet r && r.getSpec() != null && r.getSpec().getTemplate() != null) {
            return Optional.ofNullable(r.getSpec().getTemplate().getSpec());
        }
        if (object instanceof Job j && j.getSpec() != null && j.getSpec().getTemplate() != null) {
            return Optional.ofNullable(j.getSpec().getTemplate().getSpec());
        }
        if (object instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null
                && c.getSpec().getJobTemplate().getSpec() != null && c.getSpec().getJobTemplate().getSpec().getTemplate() != null) {
            return Optional.ofNullable(c.getSpec().getJobTemplate().getSpec().getTemplate().getSpec());
        }
        if (object instanceof Pod p) {
            return Optional.ofNullable(p.getSpec());
        }
        return Optional.empty();
    }

    private static void check(String where, Container c, PodSecurityContext pod, boolean longRunning, List<Violation> out) {
        if (longRunning) {
            probe(where, c.getReadinessProbe(), "/q/health/ready", Rule.READINESS_PROBE, out);
            probe(where, c.getLivenessProbe(), "/q/health/live", Rule.LIVENESS_PROBE, out);
        }
        ResourceRequirements resources = c.getResources();
        Map<String, Quantity> requests = resources == null ? Map.of() : resources.getRequests();
        Map<String, Quantity> limits = resources == null ? Map.of() : resources.getLimits();
        List<String> missing = new ArrayList<>();
        for (String r : List.of("cpu", "memory")) {
            if (requests == null || !requests.containsKey(r)) {
                missing.add("requests." + r);
            }
            if (limits == null || !limits.containsKey(r)) {
                missing.add("limits." + r);
            }
        }
        if (!missing.isEmpty()) {
            out.add(new Violation(where, Rule.RESOURCES, "missing " + String.join(", ", missing)));
        } else if (Quantity.getAmountInBytes(requests.get("memory")).compareTo(Quantity.getAmountInBytes(limits.get("memory"))) > 0) {
            out.add(new Violation(where, Rule.RESOURCES, "memory request above its limit"));
        }
        SecurityContext sc = c.getSecurityContext();
        Boolean nonRoot = sc != null && sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot()
                : pod == null ? null : pod.getRunAsNonRoot();
        Long user = sc != null && sc.getRunAsUser() != null ? sc.getRunAsUser() : pod == null ? null : pod.getRunAsUser();
        if (!Boolean.TRUE.equals(nonRoot) || Long.valueOf(0).equals(user)) {
            out.add(new Violation(where, Rule.RUN_AS_NON_ROOT, "runAsNonRoot=" + nonRoot + ", runAsUser=" + user));
        }
        if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            out.add(new Violation(where, Rule.READ_ONLY_ROOT_FILESYSTEM,
                    "readOnlyRootFilesystem=" + (sc == null ? null : sc.getReadOnlyRootFilesystem())));
        }
        if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            out.add(new Violation(where, Rule.NO_PRIVILEGE_ESCALATION,
                    "allowPrivilegeEscalation=" + (sc == null ? null : sc.getAllowPrivilegeEscalation())));
        }
        String image = c.getImage() == null ? "" : c.getImage();
        if (image.isEmpty() || !ImageReference.parse(image).pinned()) {
            out.add(new Violation(where, Rule.PINNED_IMAGE, "image '" + image + "'"));
        }
    }

    private static void probe(String where, Probe probe, String path, Rule rule, List<Violation> out) {
        if (probe == null) {
            out.add(new Violation(where, rule, "no probe"));
        } else if (probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath())) {
            out.add(new Violation(where, rule, "probe is not an HTTP GET of " + path));
        }
    }
}
