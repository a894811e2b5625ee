package io.telops.deploy.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.telops.contracts.Topics;
import io.telops.deploy.RepositoryFiles;
import io.telops.deploy.catalog.DeployedService;
import io.telops.deploy.catalog.TelopsServices;
import io.telops.deploy.compose.ComposeFile;
import io.telops.deploy.consistency.ComposeConsistency;
import io.telops.deploy.consistency.KubernetesConsistency;
import io.telops.deploy.consistency.RenderedObjects;
import io.telops.deploy.kustomize.KustomizeRenderer;
import io.telops.deploy.manifest.KubernetesModel;
import io.telops.deploy.manifest.YamlDocuments;

/**
 * Every service of design.md is in docker-compose.yml and in every rendered kustomization with the same
 * ports and environment keys, wired to its store, Kafka and health checks; broken fixtures show that each
 * kind of mismatch is caught.
 */
class PlatformConsistencyTest {
    private static final ComposeFile COMPOSE = ComposeFile.read(RepositoryFiles.root().resolve("docker-compose.yml"));

    static Stream<Path> kustomizations() {
        return Stream.concat(Stream.of(RepositoryFiles.k8s().resolve("base")), RepositoryFiles.overlays().stream());
    }

    static RenderedObjects render(Path kustomization) {
        KubernetesModel model = new KubernetesModel();
        return new RenderedObjects(kustomization.toString(), new KustomizeRenderer().render(kustomization).stream()
                .map(tree -> model.read(tree, kustomization.toString()).object()).toList());
    }

    @Test
    void composeRunsEveryServiceOnItsPortsWithItsEnvironment() {
        assertThat(ComposeConsistency.problems(COMPOSE, TelopsServices.ALL, RepositoryFiles.root())).isEmpty();
    }

    @Test
    void composeInfrastructureListensOnTheDesignPortsAndCreatesEveryDatabase() {
        assertThat(COMPOSE.service("kafka").orElseThrow().ports()).extracting(p -> p.host() + ":" + p.container()).containsExactly("9092:9092");
        assertThat(COMPOSE.service("postgres").orElseThrow().ports()).extracting(p -> p.host() + ":" + p.container()).containsExactly("5432:5432");
        assertThat(COMPOSE.service("mongo").orElseThrow().ports()).extracting(p -> p.host() + ":" + p.container()).containsExactly("27017:27017");
        String databases = COMPOSE.service("postgres").orElseThrow().environment().get("TELOPS_DATABASES");
        assertThat(databases.split("[ ,]+")).containsExactlyInAnyOrderElementsOf(TelopsServices.postgresDatabases());
        assertThat(Files.isExecutable(RepositoryFiles.root().resolve("deploy/postgres/init-databases.sh"))).isTrue();
    }

    @Test
    void composeAndTheStrimziExampleCreateExactlyTheContractAndInternalTopics() {
        String command = String.valueOf(((Map<?, ?>) ((Map<?, ?>) COMPOSE.tree().get("services")).get("kafka-topics")).get("command"));
        List<String> expected = java.util.stream.Stream.concat(Topics.ALL.stream(), Topics.INTERNAL.stream()).toList();
        expected.forEach(topic -> assertThat(command).contains(topic));
        List<String> strimziTopics = YamlDocuments.load(RepositoryFiles.k8s().resolve("infra-examples/kafka.yaml")).stream()
                .filter(d -> "KafkaTopic".equals(d.get("kind")))
                .map(d -> String.valueOf(((Map<?, ?>) d.get("spec")).get("topicName"))).toList();
        assertThat(strimziTopics).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aBrokenComposeFileIsCaught() {
        ComposeFile broken = ComposeFile.read(RepositoryFiles.fixture("compose/broken-docker-compose.yml"));
        List<String> problems = ComposeConsistency.problems(broken, TelopsServices.ALL, RepositoryFiles.root());
        assertThat(problems).anyMatch(p -> p.startsWith("services are") && p.contains("expected") && p.contains("vats-parser-service"));
        assertThat(problems).anyMatch(p -> p.equals("call-forward-service: host port 8088 differs from container port 8082"));
        assertThat(problems).anyMatch(p -> p.startsWith("billing-agi-service: environment lacks required") && p.contains("TELOPS_FASTAGI_PORT"));
        assertThat(problems).anyMatch(p -> p.startsWith("billing-agi-service: TELOPS_FASTAGI_PORT is 'null'"));
        assertThat(problems).anyMatch(p -> p.startsWith("dashboard-service: image") && p.contains("latest"));
        assertThat(problems).anyMatch(p -> p.equals("dashboard-service: no healthcheck"));
        assertThat(problems).anyMatch(p -> p.startsWith("dashboard-service: healthcheck does not ask /q/health/ready"));
        // the broken file predates the required keys: their absence is caught too
        assertThat(problems).contains("provisioning-service: environment lacks required [TELOPS_PROVISIONING_SECRET_KEY]",
                "event-ingest-service: environment lacks required [TELOPS_INGEST_PUSH_SHARED_SECRET]");
        assertThat(problems).anyMatch(p -> p.startsWith("billing-agi-service: environment lacks required")
                && p.contains("TELOPS_FASTAGI_ALLOWED_PEERS"));
        assertThat(problems).hasSize(10);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyServiceIsDeployedWithItsPortsEnvironmentAndProbes(Path kustomization) {
        RenderedObjects k8s = render(kustomization);
        assertThat(KubernetesConsistency.problems(k8s, TelopsServices.ALL, TelopsServices.HORIZONTALLY_SCALED)).isEmpty();
    }

    @Test
    void aBrokenServiceBaseIsCaught() {
        RenderedObjects broken = render(RepositoryFiles.fixture("k8s-broken/billing-agi-service"));
        DeployedService billing = TelopsServices.ALL.stream().filter(s -> s.name().equals("billing-agi-service")).findFirst().orElseThrow();
        List<String> problems = KubernetesConsistency.problems(broken, List.of(billing), TelopsServices.HORIZONTALLY_SCALED);
        assertThat(problems).containsExactlyInAnyOrder(
                "billing-agi-service: container ports [8084], expected [8084, 4573]",
                "billing-agi-service: envFrom ConfigMap telops-platform is not in the rendering",
                "billing-agi-service: environment lacks [KAFKA_BOOTSTRAP_SERVERS, TELOPS_FASTAGI_ALLOWED_PEERS]",
                "billing-agi-service: QUARKUS_DATASOURCE_JDBC_URL 'jdbc:postgresql://telops-postgres-rw:5432/ingest' is not database billing on 5432",
                "billing-agi-service: Service ports [80], expected [8084]",
                "billing-agi-service: HorizontalPodAutoscaler missing",
                "billing-agi-service: sets spec.replicas=2 although its HorizontalPodAutoscaler owns the count",
                "billing-agi-service: PodDisruptionBudget missing",
                "billing-agi-service: no TCP Service billing-agi-fastagi on port 4573");
    }

    @Test
    void devBringsEverySecretItReadsExceptTheOneTheMongoOperatorWrites() {
        RenderedObjects dev = render(RepositoryFiles.k8s().resolve("overlays/dev"));
        assertThat(dev.secretReferences()).containsExactlyInAnyOrder("telops-admin-users", "telops-postgres-credentials",
                "telops-mongo-callforward", "telops-mongo-password", "telops-provisioning-secret-key",
                "telops-ingest-push", "telops-plivo", "telops-vats-cabinet", "telops-fastagi-keys", "telops-billing-codes");
        // the PBX keys and the card/voucher key are optional Secrets (secretKeyRef.optional): billing starts without them
        assertThat(dev.missingSecrets()).containsExactlyInAnyOrder("telops-mongo-callforward", "telops-fastagi-keys",
                "telops-billing-codes");
    }

    @Test
    void prodReadsExactlyTheSecretsDeploymentMdTellsOperatorsToCreate() throws Exception {
        RenderedObjects prod = render(RepositoryFiles.k8s().resolve("overlays/prod"));
        assertThat(prod.missingSecrets()).containsExactlyInAnyOrder("telops-admin-users", "telops-postgres-credentials",
                "telops-mongo-callforward", "telops-provisioning-secret-key", "telops-ingest-push", "telops-plivo",
                "telops-vats-cabinet", "telops-fastagi-keys", "telops-billing-codes");
        String guide = Files.readString(RepositoryFiles.root().resolve("DEPLOYMENT.md"));
        prod.missingSecrets().forEach(secret -> assertThat(guide).contains(secret));
    }

    @Test
    void aMisspeltSecretReferenceIsCaught() {
        RenderedObjects broken = render(RepositoryFiles.fixture("k8s-broken/billing-agi-service"));
        assertThat(broken.missingSecrets()).contains("telops-admin-user");
    }

    @Test
    void composeAndTheKubernetesBaseSetExactlyTheSameEnvironmentKeys() {
        RenderedObjects base = render(RepositoryFiles.k8s().resolve("base"));
        for (DeployedService service : TelopsServices.ALL) {
            assertThat(base.envNames(base.container(service.name()).orElseThrow())).as(service.name())
                    .isEqualTo(COMPOSE.service(service.name()).orElseThrow().environment().keySet());
        }
    }
}
