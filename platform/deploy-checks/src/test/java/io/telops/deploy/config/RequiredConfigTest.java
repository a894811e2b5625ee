package io.telops.deploy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.smallrye.config.ConfigMapping;
import io.telops.deploy.RepositoryFiles;
import io.telops.deploy.catalog.DeployedService;
import io.telops.deploy.catalog.TelopsServices;
import io.telops.deploy.compose.ComposeFile;
import io.telops.deploy.compose.ComposeSecretsTestValues;
import io.telops.deploy.compose.ComposeVariables;
import io.telops.deploy.consistency.RenderedObjects;
import io.telops.deploy.kustomize.KustomizeRenderer;
import io.telops.deploy.manifest.KubernetesModel;

/**
 * Every configuration key a service requires (a @ConfigMapping leaf without default and not Optional, as SmallRye
 * Config reads the compiled mapping, with no default-profile value in its application.properties, plus the keys
 * the service enforces in code) is set by
 * docker-compose.yml and by every kustomize overlay; a fixture service shows the check fails when one is not.
 */
class RequiredConfigTest {
    private static final ComposeFile COMPOSE = ComposeFile.read(RepositoryFiles.root().resolve("docker-compose.yml"));

    static Stream<DeployedService> services() {
        return TelopsServices.ALL.stream();
    }

    static Stream<Path> overlays() {
        return RepositoryFiles.overlays().stream();
    }

    static Set<String> required(DeployedService service) {
        Set<String> keys = new TreeSet<>(MappingKeys.required(RepositoryFiles.root().resolve(service.name())));
        keys.addAll(service.enforcedKeys());
        return keys;
    }

    @ParameterizedTest
    @MethodSource("services")
    void composeSetsEveryRequiredKey(DeployedService service) {
        Set<String> env = COMPOSE.service(service.name()).orElseThrow().environment().keySet();
        assertThat(RequiredConfig.missing(required(service), env)).as(service.name()).isEmpty();
        COMPOSE.service(service.name()).orElseThrow().environment().forEach((k, v) -> {
            if (required(service).stream().map(RequiredConfig::envForm).anyMatch(k::equals)) {
                assertThat(composeValue(v)).as("%s: required %s must not be empty", service.name(), k).isNotBlank();
            }
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyOverlaySetsEveryRequiredKey(Path overlay) {
        KubernetesModel model = new KubernetesModel();
        RenderedObjects k8s = new RenderedObjects(overlay.toString(), new KustomizeRenderer().render(overlay).stream()
                .map(tree -> model.read(tree, overlay.toString()).object()).toList());
        for (DeployedService service : TelopsServices.ALL) {
            var container = k8s.container(service.name()).orElseThrow();
            assertThat(RequiredConfig.missing(required(service), k8s.envNames(container)))
                    .as("%s in %s", service.name(), overlay).isEmpty();
            // a required key never comes from an optional Secret
            container.getEnv().stream()
                    .filter(e -> required(service).stream().map(RequiredConfig::envForm).anyMatch(e.getName()::equals))
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .forEach(e -> assertThat(e.getValueFrom().getSecretKeyRef().getOptional()).as(e.getName()).isNotEqualTo(Boolean.TRUE));
        }
    }

    @ParameterizedTest
    @MethodSource("services")
    void enforcedKeysAreKeysTheServiceReadsWithoutADefault(DeployedService service) throws Exception {
        Path module = RepositoryFiles.root().resolve(service.name());
        Set<String> defaults = RequiredConfig.defaultProfileKeys(module.resolve("src/main/resources/application.properties"));
        String properties = Files.readString(module.resolve("src/main/resources/application.properties"));
        Set<String> mapped = new TreeSet<>();
        MappingKeys.of(module.resolve("target/classes")).forEach(k -> mapped.add(k.name()));
        for (String key : service.enforcedKeys()) {
            assertThat(defaults).as("%s: %s has a production default, so it is not required", service.name(), key)
                    .doesNotContain(key);
            assertThat(properties.contains(key) || mapped.contains(key)).as("%s reads %s", service.name(), key).isTrue();
        }
    }

    @Test
    void theCatalogKnowsWhichKeysAreEnforcedInCode() {
        assertThat(required(find("provisioning-service"))).contains("telops.provisioning.secret-key");
        // sessions live server-side now: no deployment carries a session key
        assertThat(required(find("dashboard-service"))).doesNotContain("quarkus.http.auth.session.encryption-key");
        assertThat(required(find("billing-agi-service"))).doesNotContain("telops.security.session-key");
        // compose takes the key from the shell, never from a default
        assertThat(COMPOSE.service("provisioning-service").orElseThrow().environment().get("TELOPS_PROVISIONING_SECRET_KEY"))
                .startsWith("${TELOPS_PROVISIONING_SECRET_KEY:?");
        // provisioning's mapping declares the key Optional: the requirement lives in SecretCipherProducer
        String producer = read("provisioning-service/src/main/java/io/telops/provisioning/crypto/SecretCipherProducer.java");
        assertThat(producer).contains("telops.provisioning.secret-key (TELOPS_PROVISIONING_SECRET_KEY) is required");
    }

    @Test
    void mappingKeysFollowGroupsInheritanceDefaultsOptionalsAndMaps() {
        Set<MappingKeys.Key> vats = MappingKeys.of(RepositoryFiles.root().resolve("vats-parser-service/target/classes"));
        assertThat(vats).contains(new MappingKeys.Key("telops.vats.username", false),
                new MappingKeys.Key("telops.vats.base-url", false),
                new MappingKeys.Key("telops.vats.sync.every", false),
                new MappingKeys.Key("telops.vats.sync.max-disappeared-ratio", false));
        Set<MappingKeys.Key> forward = MappingKeys.of(RepositoryFiles.root().resolve("call-forward-service/target/classes"));
        assertThat(forward).contains(new MappingKeys.Key("telops.callforward.plivo.auth-token", false),
                new MappingKeys.Key("telops.callforward.public-base-url", false));
    }

    @Test
    void aMissingRequiredKeyIsCaught(@TempDir Path build) throws Exception {
        Path fixture = RepositoryFiles.fixture("required-config");
        Path module = compiled(fixture.resolve("fixture-service"), build);
        assertThat(MappingKeys.of(module.resolve("target/classes"))).containsExactlyInAnyOrder(
                new MappingKeys.Key("telops.fixture.api-token", true),
                new MappingKeys.Key("telops.fixture.region", true),
                new MappingKeys.Key("telops.fixture.timeout", false),
                new MappingKeys.Key("telops.fixture.nickname", false),
                new MappingKeys.Key("telops.fixture.upstream.base-url", true),
                new MappingKeys.Key("telops.fixture.upstream.retries", false),
                new MappingKeys.Key("telops.fixture.extra-upstreams", false));
        Set<String> required = MappingKeys.required(module);
        assertThat(required).containsExactlyInAnyOrder("telops.fixture.api-token", "telops.fixture.upstream.base-url");
        Set<String> env = ComposeFile.read(fixture.resolve("docker-compose.yml")).service("fixture-service").orElseThrow()
                .environment().keySet();
        assertThat(RequiredConfig.missing(required, env)).containsExactly("telops.fixture.api-token");
    }

    /** A copy of a fixture module as its build leaves it: the Java sources compiled into target/classes. */
    static Path compiled(Path module, Path build) throws Exception {
        Path copy = build.resolve(module.getFileName().toString());
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-d", copy.resolve("target/classes").toString(),
                "-classpath", Path.of(ConfigMapping.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString()));
        try (Stream<Path> files = Files.walk(module)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(module.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
                if (file.toString().endsWith(".java")) {
                    arguments.add(file.toString());
                }
            }
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, arguments.toArray(String[]::new)))
                .as("javac %s", module).isZero();
        return copy;
    }

    /** The value a container gets when the operator exported exactly the required secrets. */
    static String composeValue(String raw) {
        return ComposeVariables.interpolate(raw, ComposeSecretsTestValues.everySecret());
    }

    @Test
    void composeDefaultsAreWhatTheContainerSees() {
        assertThat(composeValue("${TELOPS_X:-abc}")).isEqualTo("abc");
        assertThat(composeValue("${TELOPS_X:-}")).isEmpty();
        assertThat(composeValue("plain")).isEqualTo("plain");
        assertThat(composeValue("$$2a")).isEqualTo("$2a");
        assertThat(composeValue("${TELOPS_POSTGRES_PASSWORD:?why}")).isEqualTo("a-test-password");
        assertThatThrownBy(() -> composeValue("${TELOPS_NOT_EXPORTED:?why}")).hasMessage("TELOPS_NOT_EXPORTED is required: why");
    }

    private static DeployedService find(String name) {
        return TelopsServices.ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static String read(String relative) {
        try {
            return Files.readString(RepositoryFiles.root().resolve(relative));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
