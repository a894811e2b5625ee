package io.telops.vats.trunk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.vats.simulator.VatsSimulator;
import io.telops.vats.simulator.VatsSimulatorTestResource;

/** The disappearance guard: it trips visibly, and an admin's audited override lets exactly one sync through. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "vats"))
@WithTestResource(VatsSimulatorTestResource.class)
class MassDisappearanceOverrideTest {
    private static final int TRUNKS = 1000;
    /** 600 of 1,000 is above the default ratio of 0.5. */
    private static final int REMOVED = 600;

    @Inject
    TrunkSyncService sync;

    private final VatsSimulator simulator = VatsSimulatorTestResource.simulator();

    @BeforeEach
    void baseline() {
        simulator.reset(TRUNKS);
        sync.sync("test-baseline");
    }

    @Test
    void aTrippedGuardIsCountedAndLogged() {
        removeTrunks(REMOVED);

        assertThatThrownBy(() -> sync.sync("test")).isInstanceOf(TrunkException.SyncRefused.class)
                .hasMessageContaining("POST /api/trunks/sync-overrides");

        given().when().get("/q/metrics").then().statusCode(200).body(containsString("vats_sync_guard_tripped_total"));
    }

    @Test
    void anAdminOverrideLetsExactlyOneMassDeletionThroughAndIsAudited() {
        List<Long> removed = removeTrunks(REMOVED);
        assertThatThrownBy(() -> sync.sync("test")).isInstanceOf(TrunkException.SyncRefused.class);

        given().auth().preemptive().basic("viewer", "secret").when().post("/api/trunks/sync-overrides").then().statusCode(403);
        String location = given().auth().preemptive().basic("admin", "secret").when().post("/api/trunks/sync-overrides")
                .then().statusCode(201)
                .body("createdBy", equalTo("admin")).body("createdAt", notNullValue()).body("usedAt", nullValue())
                .extract().header("Location");

        SyncResult allowed = sync.sync("test");

        assertThat(allowed.changed()).isEqualTo(REMOVED);
        assertThat(allowed.changedTrunkIds()).containsExactlyInAnyOrderElementsOf(removed);
        given().auth().preemptive().basic("admin", "secret").when().get(location).then().statusCode(200)
                .body("createdBy", equalTo("admin")).body("usedAt", notNullValue())
                .body("usedByRun", equalTo(allowed.runId().toString()));
        given().auth().preemptive().basic("admin", "secret").when().get("/api/audit?action=trunks.sync-override").then()
                .statusCode(200).body("actor", hasItem("admin"));
        given().auth().preemptive().basic("admin", "secret").when().get("/api/audit?action=trunks.sync-override.used").then()
                .statusCode(200).body("actor", hasItem("admin")).body("detail[0]", containsString(allowed.runId().toString()));

        // spent: the next mass deletion is refused again (300 of the 400 left)
        removeTrunks(300);
        assertThatThrownBy(() -> sync.sync("test")).isInstanceOf(TrunkException.SyncRefused.class);
    }

    @Test
    void anOverrideIsSpentByTheNextCompleteSyncEvenWithoutAMassDeletion() {
        given().auth().preemptive().basic("admin", "secret").when().post("/api/trunks/sync-overrides").then().statusCode(201);
        sync.sync("test");

        removeTrunks(REMOVED);
        assertThatThrownBy(() -> sync.sync("test")).isInstanceOf(TrunkException.SyncRefused.class);
    }

    private List<Long> removeTrunks(int count) {
        List<Long> ids = simulator.trunkIds().subList(0, count);
        List<Long> removed = List.copyOf(ids);
        removed.forEach(simulator::removeTrunk);
        return removed;
    }
}
