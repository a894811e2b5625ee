package io.telops.deploy.policy;

/** What every container Telops runs on Kubernetes must satisfy. */
public enum Rule {
    READINESS_PROBE("readinessProbe on /q/health/ready"),
    LIVENESS_PROBE("livenessProbe on /q/health/live"),
    RESOURCES("requests and limits for cpu and memory"),
    RUN_AS_NON_ROOT("runAsNonRoot: true (container or pod) and no runAsUser 0"),
    READ_ONLY_ROOT_FILESYSTEM("readOnlyRootFilesystem: true"),
    NO_PRIVILEGE_ESCALATION("allowPrivilegeEscalation: false"),
    PINNED_IMAGE("image with an explicit tag other than latest, or a digest");

    private final String requirement;

    Rule(String requirement) {
        this.requirement = requirement;
    }

    public String requirement() {
        return requirement;
    }
}
