package io.telops.deploy.image;

import java.util.ArrayList;
import java.util.List;


/**
 * The rules for a service image: pinned base images, a non-root USER, the four fast-jar layers of
 * target/quarkus-app (Quarkus's standard Dockerfile.jvm layout), and every port of the service EXPOSEd.
 */
public final class ImageRules {
    private static final List<String> FAST_JAR_LAYERS = List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar",
            "target/quarkus-app/app/", "target/quarkus-app/quarkus/");

    private ImageRules() {
    }

    public static List<String> problems(Dockerfile dockerfile, List<Integer> ports) {
        List<String> problems = new ArrayList<>();
        if (dockerfile.from().isEmpty()) {
            problems.add("no FROM");
        }
        dockerfile.from().stream().filter(f -> !f.pinned())
                .forEach(f -> problems.add("base image " + f + " is not pinned"));
        if (!dockerfile.runsAsNonRoot()) {
            problems.add("runs as root (USER " + dockerfile.user().orElse("<unset>") + ")");
        }
        if (!dockerfile.copySources().containsAll(FAST_JAR_LAYERS)) {
            problems.add("does not copy the fast-jar layers target/quarkus-app/{lib,app,quarkus} and *.jar");
        }
        List<Integer> missing = ports.stream().filter(p -> !dockerfile.exposed().contains(p)).toList();
        if (!missing.isEmpty()) {
            problems.add("does not EXPOSE " + missing);
        }
        return problems;
    }

}
