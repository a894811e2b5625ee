package io.telops.vats.trunk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.EventJson;
import io.telops.contracts.EventType;
import io.telops.contracts.vats.GuardOutcome;
import io.telops.contracts.vats.SyncGuardTripped;
import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkChangeOrigin;
import io.telops.contracts.vats.TrunkChanged;
import io.telops.contracts.vats.TrunkSnapshot;
import io.telops.contracts.vats.VatsEventTypes;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.vats.TrunkTopic;
import io.telops.vats.client.CabinetException;
import io.telops.vats.client.CabinetHealth;
import io.telops.vats.simulator.VatsSimulator;
import io.telops.vats.simulator.VatsSimulatorTestResource;

/** Full syncs against the simulator, through real PostgreSQL and a real Kafka broker. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "vats"))
@WithTestResource(VatsSimulatorTestResource.class)
class TrunkSyncTest {
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final long NEW_NUMBERLESS = 2_700_000_001L;

    @Inject
    TrunkSyncService sync;
    @Inject
    TrunkStore store;
    @Inject
    CabinetHealth health;
    @Inject
    DataSource dataSource;

    private final VatsSimulator simulator = VatsSimulatorTestResource.simulator();

    @BeforeEach
    void baseline() {
        simulator.reset(1000);
        sync.sync("test-baseline");
    }

    @Test
    void aThousandTrunksOverPagesWithOneChangeGiveExactlyOneEvent() throws Exception {
        long changed = simulator.trunkIds().get(42);
        simulator.setActivated(changed, false);
        int callsBefore = simulator.rpcCalls();

        SyncResult result = sync.sync("test");

        assertThat(result.trunks()).isEqualTo(1000);
        assertThat(result.changed()).isEqualTo(1);
        assertThat(result.changedTrunkIds()).containsExactly(changed);
        assertThat(simulator.rpcCalls() - callsBefore).as("10 full pages and an empty one").isEqualTo(11);
        StoredTrunk stored = QuarkusTransaction.requiringNew().call(() -> store.find(changed)).orElseThrow();
        assertThat(stored.state().activated()).isFalse();
        assertThat(stored.lastChanges()).containsExactly(TrunkChange.DEACTIVATED, TrunkChange.SIP_DEVICE_OFF);

        List<ConsumerRecord<String, String>> events = eventsOfRun(result.runId());
        assertThat(events).hasSize(1);
        ConsumerRecord<String, String> record = events.get(0);
        assertThat(record.key()).isEqualTo(Long.toString(changed));
        assertThat(TrunkTopic.header(record, CloudEventHeaders.TYPE)).isEqualTo(VatsEventTypes.TRUNK_CHANGED.type());
        assertThat(TrunkTopic.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TrunkTopic.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/vats-parser-service");
        assertThat(UUID.fromString(TrunkTopic.header(record, CloudEventHeaders.ID))).isNotNull();
        TrunkChanged event = JSON.readValue(record.value(), TrunkChanged.class);
        assertThat(event.origin()).isEqualTo(TrunkChangeOrigin.SYNC);
        assertThat(event.changes()).containsExactly(TrunkChange.DEACTIVATED, TrunkChange.SIP_DEVICE_OFF);
        assertThat(event.previous().orElseThrow().activated()).isTrue();
        assertThat(event.current().orElseThrow().activated()).isFalse();
        assertThat(event.current().orElseThrow().phoneNumber()).isEqualTo("79161000042");
        assertThat(event.enterpriseId()).isEqualTo(Long.toString(VatsSimulator.ENTERPRISE_ID));
        assertThat(health.status().up()).isTrue();
    }

    @Test
    void anAbonentWithoutAPhoneNumberIsSkippedWithACountedWarningAndTheRestIsKept() throws Exception {
        List<Long> ids = simulator.trunkIds();
        long numberless = ids.get(10);
        StoredTrunk before = QuarkusTransaction.requiringNew().call(() -> store.find(numberless)).orElseThrow();
        simulator.setPhoneNumber(numberless, Optional.empty());
        simulator.addTrunk(NEW_NUMBERLESS, "79160000000");
        simulator.setPhoneNumber(NEW_NUMBERLESS, Optional.empty());
        long lost = ids.get(600);
        simulator.setBindingWorking(lost, false);

        SyncResult result = sync.sync("test");

        // 1,001 listed, 2 without a number
        assertThat(result.trunks()).isEqualTo(999);
        assertThat(result.skipped()).isEqualTo(2);
        assertThat(result.changedTrunkIds()).containsExactly(lost);
        StoredTrunk kept = QuarkusTransaction.requiringNew().call(() -> store.find(numberless)).orElseThrow();
        assertThat(kept.present()).as("still listed, so not gone").isTrue();
        assertThat(kept.state()).isEqualTo(before.state());
        assertThat(QuarkusTransaction.requiringNew().call(() -> store.find(NEW_NUMBERLESS))).isEmpty();
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("vats_sync_rows_skipped_total{reason=\"no_phone\"}"));
        assertThat(health.status().up()).isTrue();
        // the REST API lists both skipped abonents; by id they are still the cabinet's, not a mismatch
        given().auth().preemptive().basic("viewer", "secret").when().get("/api/cabinet/abonent-check").then().statusCode(200)
                .body("state", equalTo("match"));
    }

    @Test
    void aSessionExpiringMidSyncLogsInAgainAndCompletes() throws Exception {
        long lost = simulator.trunkIds().get(500);
        simulator.setBindingWorking(lost, false);
        int logins = simulator.logins();
        simulator.expireSessionsAfter(5);

        SyncResult result = sync.sync("test");

        assertThat(simulator.logins()).isEqualTo(logins + 1);
        assertThat(result.trunks()).isEqualTo(1000);
        assertThat(result.changedTrunkIds()).containsExactly(lost);
        List<ConsumerRecord<String, String>> events = eventsOfRun(result.runId());
        assertThat(events).hasSize(1);
        assertThat(JSON.readValue(events.get(0).value(), TrunkChanged.class).changes()).containsExactly(TrunkChange.BINDING_LOST);
    }

    @Test
    void anExceptionMidSyncIsAClearErrorAndNothingIsPublished() throws Exception {
        List<Long> ids = simulator.trunkIds();
        simulator.setActivated(ids.get(1), false);
        simulator.setBindingWorking(ids.get(777), false);
        simulator.removeTrunk(ids.get(900));
        simulator.failListPage(4);
        TrunkTopic.awaitOutboxDrained(dataSource);
        long outboxBefore = TrunkTopic.outboxRows(dataSource);

        given().auth().preemptive().basic("viewer", "secret").when().post("/api/trunks/sync").then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:telops:vats:remote_exception"))
                .body("detail", containsString("Ошибка получения списка абонентов (страница 4)"));

        assertThat(TrunkTopic.outboxRows(dataSource)).isEqualTo(outboxBefore);
        assertThat(QuarkusTransaction.requiringNew().call(() -> store.find(ids.get(1))).orElseThrow().state().activated()).isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> store.find(ids.get(900))).orElseThrow().present()).isTrue();
        SyncRun failed = QuarkusTransaction.requiringNew().call(() -> store.recentRuns(1)).get(0);
        assertThat(failed.outcome()).isEqualTo("failed");
        assertThat(failed.errorKind()).contains("remote_exception");
        given().when().get("/q/health/group/cabinet").then().statusCode(503)
                .body("checks.find { it.name == 'MTS VATS cabinet' }.data.state", equalTo("remote_exception"));

        simulator.failListPage(-1);
        SyncResult recovered = sync.sync("test");
        assertThat(recovered.changed()).isEqualTo(3);
        assertThat(eventsOfRun(recovered.runId())).hasSize(3);
        given().when().get("/q/health/group/cabinet").then().statusCode(200).body("checks.find { it.name == 'MTS VATS cabinet' }.data.state", equalTo("synced"));
    }

    @Test
    void anEmptyAnswerIsRefusedNotTakenAsMassDeletion() throws Exception {
        simulator.reset(0);
        TrunkTopic.awaitOutboxDrained(dataSource);
        long outboxBefore = TrunkTopic.outboxRows(dataSource);
        assertThatThrownBy(() -> sync.sync("test")).isInstanceOf(TrunkException.SyncRefused.class)
                .hasMessageContaining("1000 known trunks disappear");
        // no trunk change, only the guard's REFUSED event
        assertThat(TrunkTopic.outboxRows(dataSource)).isEqualTo(outboxBefore + 1);
        SyncRun refused = QuarkusTransaction.requiringNew().call(() -> store.recentRuns(1)).get(0);
        assertThat(eventsOfRun(refused.runId())).isEmpty();
        List<SyncGuardTripped> tripped = TrunkTopic.readAll().stream()
                .filter(r -> VatsEventTypes.SYNC_GUARD_TRIPPED.type().equals(TrunkTopic.header(r, CloudEventHeaders.TYPE)))
                .map(r -> read(r.value(), SyncGuardTripped.class)).filter(e -> e.runId().equals(refused.runId().toString())).toList();
        assertThat(tripped).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(GuardOutcome.REFUSED);
            assertThat(e.listedTrunks()).isZero();
            assertThat(e.disappearing()).isEqualTo(1000);
        });
        assertThat(health.status().state()).isEqualTo("implausible_answer");
    }

    @Test
    void aFailedLoginIsReportedAsSuchAndLoginWorksAgainAfterwards() {
        simulator.changePassword("rotated");
        try {
            assertThatThrownBy(() -> sync.sync("test")).isInstanceOf(CabinetException.LoginFailed.class)
                    .hasMessageContaining("Неверный логин или пароль");
            assertThat(health.status().up()).isFalse();
            assertThat(health.status().state()).isEqualTo("login_failed");
            given().when().get("/q/metrics").then().statusCode(200)
                    .body(containsString("vats_cabinet_failures_total{kind=\"login_failed\"}"));
        } finally {
            simulator.changePassword(VatsSimulatorTestResource.PASSWORD);
        }
        assertThat(sync.sync("test").trunks()).isEqualTo(1000);
        assertThat(health.status().up()).isTrue();
    }

    @Test
    void aRedeployIsCountedAndFollowed() {
        simulator.redeploy();
        assertThat(sync.sync("test").trunks()).isEqualTo(1000);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("vats_cabinet_permutation_changes_total"));
        assertThat(health.status().permutation()).isEqualTo(simulator.permutation());
    }

    @Test
    void http500IsRetriedThenTheCircuitBreakerStopsCallingTheCabinet() throws Exception {
        simulator.failNextCalls(1);
        assertThat(sync.sync("test").trunks()).as("one HTTP 500 is absorbed by a retry").isEqualTo(1000);

        simulator.failNextCalls(10_000);
        String last = "";
        for (int i = 0; i < 6 && !last.contains("circuit breaker open"); i++) {
            try {
                sync.sync("test");
            } catch (CabinetException.Unavailable e) {
                last = e.getMessage();
            }
        }
        assertThat(last).contains("circuit breaker open");
        int remaining = simulator.remainingFailures();
        assertThatThrownBy(() -> sync.sync("test")).isInstanceOf(CabinetException.Unavailable.class)
                .hasMessageContaining("circuit breaker open");
        assertThat(simulator.remainingFailures()).as("an open breaker does not call the cabinet").isEqualTo(remaining);
        given().when().get("/q/health/group/cabinet").then().statusCode(503).body("checks.find { it.name == 'MTS VATS cabinet' }.data.state", equalTo("unavailable"));

        simulator.failNextCalls(0);
        Thread.sleep(700);
        assertThat(sync.sync("test").trunks()).isEqualTo(1000);
    }

    @Test
    void aSnapshotPublishesEveryTrunkOnce() throws Exception {
        SyncResult result = sync.snapshot("test");
        assertThat(result.snapshotEvents()).isEqualTo(1000);
        List<ConsumerRecord<String, String>> snapshot = snapshotOfRun(result.runId());
        assertThat(snapshot).hasSize(1000);
        assertThat(snapshot).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
        TrunkSnapshot first = JSON.readValue(snapshot.get(0).value(), TrunkSnapshot.class);
        assertThat(first.snapshotSize()).isEqualTo(1000);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<ConsumerRecord<String, String>> eventsOfRun(UUID runId) throws Exception {
        return ofRun(VatsEventTypes.TRUNK_CHANGED, "runId", runId);
    }

    private List<ConsumerRecord<String, String>> snapshotOfRun(UUID runId) throws Exception {
        return ofRun(VatsEventTypes.TRUNK_SNAPSHOT, "snapshotId", runId);
    }

    /** The records of one type on the topic, once the outbox is drained, whose body names the run in {@code field}. */
    private List<ConsumerRecord<String, String>> ofRun(EventType<?> type, String field, UUID runId) throws Exception {
        TrunkTopic.awaitOutboxDrained(dataSource);
        return TrunkTopic.readAll().stream()
                .filter(r -> type.type().equals(TrunkTopic.header(r, CloudEventHeaders.TYPE)))
                .filter(r -> r.value().contains("\"" + field + "\":\"" + runId + "\""))
                .toList();
    }
}
