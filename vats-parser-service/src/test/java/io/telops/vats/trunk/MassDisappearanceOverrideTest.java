package io.telops.vats.trunk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.EventJson;
import io.telops.contracts.vats.GuardOutcome;
import io.telops.contracts.vats.SyncGuardTripped;
import io.telops.contracts.vats.VatsEventTypes;
import io.telops.testkit.KafkaTestResource;
import io.telops.vats.TrunkTopic;
import io.telops.vats.events.OutboxStore;
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

    @Inject
    TrunkStore store;

    @Inject
    DataSource dataSource;

    @Inject
    OutboxStore outbox;

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
    void aRefusedMassDeletionPutsExactlyOneRefusedGuardEventOnTheTopicAndNoTrunkChange() throws Exception {
        removeTrunks(REMOVED);
        String trigger = "test-refused-" + UUID.randomUUID();

        assertThatThrownBy(() -> sync.sync(trigger)).isInstanceOf(TrunkException.SyncRefused.class);

        SyncRun refused = QuarkusTransaction.requiringNew().call(() -> store.recentRuns(1)).get(0);
        assertThat(refused.outcome()).isEqualTo("refused");
        List<ConsumerRecord<String, String>> tripped = guardEventsOfRun(refused.runId());
        assertThat(tripped).hasSize(1);
        ConsumerRecord<String, String> record = tripped.get(0);
        SyncGuardTripped event = EventJson.mapper().readValue(record.value(), SyncGuardTripped.class);
        assertThat(event.outcome()).isEqualTo(GuardOutcome.REFUSED);
        assertThat(event.trigger()).isEqualTo(trigger);
        assertThat(event.knownTrunks()).isEqualTo(TRUNKS);
        assertThat(event.listedTrunks()).isEqualTo(TRUNKS - REMOVED);
        assertThat(event.disappearing()).isEqualTo(REMOVED);
        assertThat(event.maxDisappearedRatio()).isEqualTo(0.5);
        assertThat(event.overriddenBy()).isEmpty();
        assertThat(event.overrideId()).isEmpty();
        assertThat(event.enterpriseId()).isEqualTo(enterpriseId());
        assertThat(record.key()).isEqualTo(enterpriseId());
        assertThat(TrunkTopic.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(record.key());
        assertThat(trunkEventsOfRun(refused.runId())).isEmpty();
    }

    @Test
    void theGuardEventOfOneRunIsOneOutboxRowEvenIfAppendedTwice() throws Exception {
        removeTrunks(REMOVED);
        TrunkException.SyncRefused refused = catchThrowableOfType(() -> sync.sync("test"), TrunkException.SyncRefused.class);
        long rows = TrunkTopic.outboxRows(dataSource);

        QuarkusTransaction.requiringNew().run(() -> outbox.append(List.of(refused.tripped())));

        assertThat(TrunkTopic.outboxRows(dataSource)).isEqualTo(rows);
        assertThat(guardEventsOfRun(UUID.fromString(refused.tripped().runId()))).hasSize(1);
    }

    @Test
    void anAdminOverrideLetsExactlyOneMassDeletionThroughAndIsAudited() throws Exception {
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

        long overrideId = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        List<ConsumerRecord<String, String>> tripped = guardEventsOfRun(allowed.runId());
        assertThat(tripped).hasSize(1);
        SyncGuardTripped event = EventJson.mapper().readValue(tripped.get(0).value(), SyncGuardTripped.class);
        assertThat(event.outcome()).isEqualTo(GuardOutcome.OVERRIDDEN);
        assertThat(event.overriddenBy()).contains("admin");
        assertThat(event.overrideId()).contains(overrideId);
        assertThat(event.disappearing()).isEqualTo(REMOVED);
        assertThat(tripped.get(0).key()).isEqualTo(event.enterpriseId()).isEqualTo(enterpriseId());
        assertThat(trunkEventsOfRun(allowed.runId())).hasSize(REMOVED);

        // spent: the next mass deletion is refused again (300 of the 400 left)
        removeTrunks(300);
        assertThatThrownBy(() -> sync.sync("test")).isInstanceOf(TrunkException.SyncRefused.class);
    }

    @Test
    void anOverrideIsSpentByTheNextCompleteSyncEvenWithoutAMassDeletion() throws Exception {
        given().auth().preemptive().basic("admin", "secret").when().post("/api/trunks/sync-overrides").then().statusCode(201);
        SyncResult unneeded = sync.sync("test");
        assertThat(guardEventsOfRun(unneeded.runId())).as("the guard did not trip").isEmpty();

        removeTrunks(REMOVED);
        assertThatThrownBy(() -> sync.sync("test")).isInstanceOf(TrunkException.SyncRefused.class);
    }

    private String enterpriseId() {
        long last = simulator.trunkIds().get(simulator.trunkIds().size() - 1);
        return Long.toString(QuarkusTransaction.requiringNew().call(() -> store.find(last)).orElseThrow().enterpriseId());
    }

    private List<ConsumerRecord<String, String>> guardEventsOfRun(UUID runId) throws Exception {
        return eventsOfRun(VatsEventTypes.SYNC_GUARD_TRIPPED.type(), runId);
    }

    private List<ConsumerRecord<String, String>> trunkEventsOfRun(UUID runId) throws Exception {
        return eventsOfRun(VatsEventTypes.TRUNK_CHANGED.type(), runId);
    }

    private List<ConsumerRecord<String, String>> eventsOfRun(String type, UUID runId) throws Exception {
        TrunkTopic.awaitOutboxDrained(dataSource);
        return TrunkTopic.readAll().stream().filter(r -> type.equals(TrunkTopic.header(r, CloudEventHeaders.TYPE)))
                .filter(r -> r.value().contains("\"runId\":\"" + runId + "\"")).toList();
    }

    private List<Long> removeTrunks(int count) {
        List<Long> ids = simulator.trunkIds().subList(0, count);
        List<Long> removed = List.copyOf(ids);
        removed.forEach(simulator::removeTrunk);
        return removed;
    }
}
