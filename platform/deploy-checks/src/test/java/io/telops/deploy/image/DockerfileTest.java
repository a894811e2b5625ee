package io.telops.deploy.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.telops.deploy.RepositoryFiles;
import io.telops.deploy.catalog.DeployedService;
import io.telops.deploy.catalog.TelopsServices;
import io.telops.deploy.kustomize.ImageReference;

/** Each service's src/main/docker/Dockerfile.jvm packages the fast-jar on a pinned base image as a non-root user. */
class DockerfileTest {
    static List<DeployedService> services() {
        return TelopsServices.ALL;
    }

    @ParameterizedTest
    @MethodSource("services")
    void imageOfEveryServiceIsTheFastJarOnAPinnedBaseAsNonRoot(DeployedService service) {
        Path file = RepositoryFiles.root().resolve(service.name()).resolve("src/main/docker/Dockerfile.jvm");
        Dockerfile dockerfile = Dockerfile.read(file);
        assertThat(ImageRules.problems(dockerfile, service.ports())).as(file.toString()).isEmpty();
        assertThat(dockerfile.from()).singleElement().extracting(ImageReference::name)
                .isEqualTo("registry.access.redhat.com/ubi9/openjdk-17-runtime");
    }

    @Test
    void aBrokenDockerfileBreaksEveryRule() {
        Dockerfile broken = Dockerfile.read(RepositoryFiles.fixture("image/Dockerfile.broken"));
        assertThat(ImageRules.problems(broken, List.of(8080, 4573))).containsExactlyInAnyOrder(
                "base image registry.access.redhat.com/ubi9/openjdk-17-runtime:latest is not pinned",
                "runs as root (USER root)",
                "does not copy the fast-jar layers target/quarkus-app/{lib,app,quarkus} and *.jar",
                "does not EXPOSE [4573]");
    }

    @Test
    void theImagesProfileBuildsEveryServiceAndNeverFailsWithoutAnEngine() throws Exception {
        Path script = RepositoryFiles.root().resolve("deploy/build-images.sh");
        String text = java.nio.file.Files.readString(script);
        String declared = text.substring(text.indexOf("services=(") + "services=(".length(), text.indexOf(")", text.indexOf("services=(")));
        assertThat(declared.trim().split("\\s+")).containsExactlyInAnyOrderElementsOf(
                TelopsServices.ALL.stream().map(DeployedService::name).toList());
        assertThat(text).contains("docker info").contains("src/main/docker/Dockerfile.jvm");
        Process syntax = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        assertThat(syntax.waitFor()).as(new String(syntax.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void parsesContinuationsFlagsAndNumericUsers() {
        Dockerfile d = Dockerfile.parse("""
                FROM --platform=linux/amd64 example/base:1.0 AS runtime
                COPY --chown=185 a/ \\
                     b/ /dest/
                EXPOSE 8080/tcp 4573
                USER 0:0
                """);
        assertThat(d.from()).singleElement().hasToString("example/base:1.0");
        assertThat(d.copySources()).containsExactly("a/", "b/");
        assertThat(d.exposed()).containsExactly(8080, 4573);
        assertThat(d.runsAsNonRoot()).isFalse();
    }
}
