package io.telops.vats.restapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.vats.simulator.VatsSimulator;
import io.telops.vats.simulator.VatsSimulatorTestResource;
import io.telops.vats.trunk.StoredTrunk;
import io.telops.vats.trunk.SyncResult;
import io.telops.vats.trunk.TrunkStore;
import io.telops.vats.trunk.TrunkSyncService;

/**
 * The REST API cross-check after real syncs (simulator, PostgreSQL, Kafka): a match, a mismatch reported on
 * every channel without touching what is stored or published, a refused token, and the token in no log line.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "vats"))
@WithTestResource(VatsSimulatorTestResource.class)
class AbonentCrossCheckSyncTest {
    private static final String CHECK = "checks.find { it.name == 'MTS VATS REST API cross-check' }";

    @Inject
    TrunkSyncService sync;
    @Inject
    TrunkStore store;
    @Inject
    AbonentCrossCheckService crossCheck;
    @Inject
    MeterRegistry registry;

    private final VatsSimulator simulator = VatsSimulatorTestResource.simulator();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    line.append(' ').append(p);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(' ').append(t);
            }
            logLines.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void baseline() {
        simulator.reset(1000);
        sync.sync("test-baseline");
        java.util.logging.Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void restore() {
        java.util.logging.Logger.getLogger("").removeHandler(capture);
        simulator.reset(1000);
    }

    private double runs(String outcome) {
        var counter = registry.find("vats.abonents.crosscheck.runs").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aCompleteSyncIsCrossCheckedAndMatches() {
        double matches = runs("match");
        int apiCalls = simulator.apiCalls();

        sync.sync("test");

        assertThat(simulator.apiCalls() - apiCalls).isEqualTo(1);
        assertThat(runs("match") - matches).isEqualTo(1.0);
        CrossCheckReport report = crossCheck.last();
        assertThat(report.state()).isEqualTo("match");
        assertThat(report.cabinetCount()).isEqualTo(1000);
        assertThat(report.apiCount()).isEqualTo(1000);
        given().when().get("/q/health/group/cabinet").then().statusCode(200)
                .body(CHECK + ".status", equalTo("UP")).body(CHECK + ".data.state", equalTo("match"));
    }

    @Test
    void aMismatchIsReportedAndChangesNothingStoredOrPublished() {
        long hidden = simulator.trunkIds().get(17);
        long apiOnly = 2_699_999_999L;
        simulator.hideFromApi(hidden);
        simulator.addApiOnlyAbonent(apiOnly, "79169999999");
        double mismatches = runs("mismatch");
        List<StoredTrunk> before = QuarkusTransaction.requiringNew().call(() -> store.list(false, 2000, 0));

        SyncResult result = sync.sync("test");

        assertThat(result.trunks()).isEqualTo(1000);
        assertThat(result.changed()).as("nothing published").isZero();
        List<StoredTrunk> after = QuarkusTransaction.requiringNew().call(() -> store.list(false, 2000, 0));
        assertThat(after).extracting(StoredTrunk::trunkId).containsExactlyElementsOf(before.stream().map(StoredTrunk::trunkId).toList());
        assertThat(after).extracting(StoredTrunk::state).containsExactlyElementsOf(before.stream().map(StoredTrunk::state).toList());

        assertThat(runs("mismatch") - mismatches).isEqualTo(1.0);
        assertThat(registry.get("vats.abonents.crosscheck.missing").tag("side", "rest_api").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("vats.abonents.crosscheck.missing").tag("side", "cabinet").gauge().value()).isEqualTo(1.0);
        given().auth().preemptive().basic("viewer", "secret").when().get("/api/cabinet/abonent-check").then().statusCode(200)
                .body("state", equalTo("mismatch"))
                .body("missingInApi", equalTo(List.of(Long.toString(hidden))))
                .body("missingInCabinet", equalTo(List.of(Long.toString(apiOnly))));
        given().when().get("/q/health/group/cabinet").then().statusCode(503)
                .body(CHECK + ".status", equalTo("DOWN")).body(CHECK + ".data.missingInRestApi", equalTo(1))
                .body("checks.find { it.name == 'MTS VATS cabinet' }.status", equalTo("UP"));
        assertThat(logLines).anySatisfy(l -> assertThat(l).contains("cross-check MISMATCH").contains(Long.toString(hidden)));
    }

    @Test
    void aRefusedTokenIsReportedClearlyAndTheSyncStillCompletes() {
        simulator.setApiToken("rotated-" + System.nanoTime());
        double unauthorized = runs("unauthorized");

        SyncResult result = sync.sync("test");

        assertThat(result.trunks()).isEqualTo(1000);
        assertThat(runs("unauthorized") - unauthorized).isEqualTo(1.0);
        assertThat(crossCheck.last().state()).isEqualTo("unauthorized");
        assertThat(crossCheck.last().detail()).contains("HTTP 401").contains("telops.vats.rest-api.token");
        String health = given().when().get("/q/health/group/cabinet").then().statusCode(503)
                .body(CHECK + ".data.state", equalTo("unauthorized")).extract().asString();
        String api = given().auth().preemptive().basic("viewer", "secret").when().get("/api/cabinet/abonent-check").then()
                .statusCode(200).body("state", equalTo("unauthorized")).extract().asString();
        assertThat(logLines).anySatisfy(l -> assertThat(l).contains("cross-check failed").contains("unauthorized"));

        for (String text : List.of(health, api, String.join("\n", logLines))) {
            assertThat(text).doesNotContain(VatsSimulator.DEFAULT_API_TOKEN);
        }
    }

    @Test
    void theTokenAppearsInNoLogLine() {
        simulator.hideFromApi(simulator.trunkIds().get(3));
        sync.sync("test");
        simulator.setApiToken("rotated");
        sync.sync("test");
        given().when().get("/q/health/group/cabinet").then().body("checks.name", hasItem("MTS VATS REST API cross-check"));

        assertThat(logLines).as("the runs were logged").anySatisfy(l -> assertThat(l).contains("REST API GET /api/abonents"));
        assertThat(logLines).allSatisfy(l -> assertThat(l).doesNotContain(VatsSimulator.DEFAULT_API_TOKEN));
    }
}
