package io.telops.vats.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.telops.contracts.CloudEventHeaders;
import io.telops.contracts.EventJson;
import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkChangeOrigin;
import io.telops.contracts.vats.TrunkChanged;
import io.telops.contracts.vats.VatsEventTypes;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;
import io.telops.vats.TrunkTopic;
import io.telops.vats.simulator.VatsSimulator;
import io.telops.vats.simulator.VatsSimulatorTestResource;
import io.telops.vats.trunk.SyncResult;
import io.telops.vats.trunk.TrunkSyncService;

/** The authenticated REST API: listing, activation and devices, each audited. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "vats"))
@WithTestResource(VatsSimulatorTestResource.class)
class TrunkApiTest {
    private static final ObjectMapper JSON = EventJson.mapper();

    @Inject
    TrunkSyncService sync;
    @Inject
    DataSource dataSource;

    private final VatsSimulator simulator = VatsSimulatorTestResource.simulator();

    @BeforeEach
    void baseline() {
        simulator.reset(1000);
        sync.sync("test-baseline");
    }

    @Test
    void listsTrunksWithTheirState() {
        given().auth().preemptive().basic("viewer", "secret").when().get("/api/trunks?limit=5000").then().statusCode(200)
                .body("$", hasSize(1000))
                .body("[9].activated", equalTo(false))
                .body("[9].phoneNumber", equalTo("79161000009"))
                .body("[0].displayName", equalTo("Транк №0 \"офис\" <0>"));
        long id = simulator.trunkIds().get(24);
        given().auth().preemptive().basic("viewer", "secret").when().get("/api/trunks/" + id).then().statusCode(200)
                .body("markedForDeletion", equalTo(true)).body("present", equalTo(true));
        given().auth().preemptive().basic("viewer", "secret").when().get("/api/trunks/1").then().statusCode(404)
                .body("type", equalTo("urn:telops:vats:trunk_not_found"));
        given().when().get("/api/trunks").then().statusCode(401);
    }

    @Test
    void showsADeviceWithoutItsPassword() {
        long id = simulator.trunkIds().get(0);
        given().auth().preemptive().basic("viewer", "secret").when().get("/api/trunks/" + id + "/device").then().statusCode(200)
                .body("present", equalTo(true)).body("enabled", equalTo(true))
                .body("lineId", equalTo("mobsip_9161000000"))
                .body(org.hamcrest.Matchers.not(containsString("Pw0")));
    }

    @Test
    void deactivatesAndActivatesWithAnOperatorEventAndAudit() throws Exception {
        long id = simulator.trunkIds().get(3);
        given().auth().preemptive().basic("viewer", "secret").contentType(ContentType.JSON).body(Map.of("active", false))
                .when().put("/api/trunks/" + id + "/activation").then().statusCode(403);

        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON).body(Map.of("active", false))
                .when().put("/api/trunks/" + id + "/activation").then().statusCode(200)
                .body("changes", equalTo(List.of("SIP_DEVICE_OFF")))
                .body("state.sipDeviceOn", equalTo(false));
        assertThat(simulator.row(id).orElseThrow().deviceOff()).isTrue();

        TrunkTopic.awaitOutboxDrained(dataSource);
        List<TrunkChanged> events = TrunkTopic.readAll().stream()
                .filter(r -> r.key().equals(Long.toString(id)))
                .filter(r -> VatsEventTypes.TRUNK_CHANGED.type().equals(TrunkTopic.header(r, CloudEventHeaders.TYPE)))
                .map(TrunkApiTest::read)
                .filter(e -> e.origin() == TrunkChangeOrigin.OPERATOR)
                .toList();
        assertThat(events).last().satisfies(e -> {
            assertThat(e.actor()).contains("admin");
            assertThat(e.changes()).containsExactly(TrunkChange.SIP_DEVICE_OFF);
        });

        // the next sync sees the cabinet agree with the stored state: nothing to publish
        assertThat(sync.sync("test").changed()).isZero();

        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON).body(Map.of("active", true))
                .when().put("/api/trunks/" + id + "/activation").then().statusCode(200)
                .body("changes", equalTo(List.of("SIP_DEVICE_ON")));

        given().auth().preemptive().basic("admin", "secret").when().get("/api/audit?action=trunk.deactivate").then()
                .statusCode(200).body("actor", hasItem("admin")).body("target", hasItem(Long.toString(id)))
                .body("outcome", hasItem("ok"));
        given().auth().preemptive().basic("viewer", "secret").when().get("/api/audit").then().statusCode(403);
    }

    @Test
    void theToggleSetsOnlyTheSipDeviceAndTheNextSyncAgrees() {
        long id = simulator.trunkIds().get(5);
        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON).body(Map.of("active", false))
                .when().put("/api/trunks/" + id + "/activation").then().statusCode(200)
                .body("changes", equalTo(List.of("SIP_DEVICE_OFF")))
                .body("state.sipDeviceOn", equalTo(false))
                .body("state.activated", equalTo(true));

        SyncResult next = sync.sync("test");

        assertThat(next.changedTrunkIds()).doesNotContain(id);
        given().auth().preemptive().basic("viewer", "secret").when().get("/api/trunks/" + id).then().statusCode(200)
                .body("activated", equalTo(true)).body("sipDeviceOn", equalTo(false));
    }

    @Test
    void aTrunkWithoutDeviceCannotBeSwitched() {
        long id = simulator.trunkIds().get(49);
        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON).body(Map.of("active", true))
                .when().put("/api/trunks/" + id + "/activation").then().statusCode(409)
                .body("type", equalTo("urn:telops:vats:no_sip_device"));
        given().auth().preemptive().basic("admin", "secret").when().get("/api/audit?action=trunk.activate").then()
                .statusCode(200).body("outcome", hasItem("failed"));
    }

    @Test
    void addsDevicesWithAResultPerNumber() {
        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON)
                .body(Map.of("numbers", List.of("+7 916 100-00-49", "89161000019", "9161000000", "79990000000", "not a number")))
                .when().post("/api/trunks/devices").then().statusCode(200)
                .body("results.outcome", equalTo(List.of("CREATED", "RESTORED", "ALREADY_PRESENT", "UNKNOWN_NUMBER",
                        "INVALID_NUMBER")))
                .body("results[0].trunkId", equalTo(simulator.trunkIds().get(49)))
                .body("results[0].number", equalTo("+7 916 100-00-49"));
        assertThat(simulator.form(simulator.trunkIds().get(49)).orElseThrow().sipDevice().orElseThrow().enabled()).isTrue();
        assertThat(simulator.row(simulator.trunkIds().get(19)).orElseThrow().deviceOff()).isFalse();
        given().auth().preemptive().basic("admin", "secret").when().get("/api/audit?action=trunk.add-device&limit=5").then()
                .statusCode(200).body("outcome", equalTo(List.of("INVALID_NUMBER", "UNKNOWN_NUMBER", "ALREADY_PRESENT",
                        "RESTORED", "CREATED")));
        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON).body(Map.of("numbers", List.of()))
                .when().post("/api/trunks/devices").then().statusCode(400).body("type", equalTo("urn:telops:vats:bad_request"));
    }

    @Test
    void aDeviceAddWhoseAnswerIsLostIsLookedUpInsteadOfSentAgain() {
        long id = simulator.trunkIds().get(149);
        simulator.loseNextDeviceAddAnswer();

        given().auth().preemptive().basic("admin", "secret").contentType(ContentType.JSON)
                .body(Map.of("numbers", List.of("79161000149")))
                .when().post("/api/trunks/devices").then().statusCode(200)
                .body("results[0].outcome", equalTo("CREATED"))
                .body("results[0].trunkId", equalTo(id));

        assertThat(simulator.devicesCreated(id)).as("one device, not a duplicate").isEqualTo(1);
        assertThat(simulator.form(id).orElseThrow().sipDevice().orElseThrow().enabled()).isTrue();
    }

    @Test
    void syncOnDemandIsAudited() {
        given().auth().preemptive().basic("viewer", "secret").when().post("/api/trunks/sync").then().statusCode(200)
                .body("trunks", equalTo(1000)).body("changed", equalTo(0));
        given().auth().preemptive().basic("admin", "secret").when().get("/api/audit?action=trunks.sync").then()
                .statusCode(200).body("actor", hasItem("viewer"));
        given().auth().preemptive().basic("viewer", "secret").when().get("/api/trunks/sync-runs?limit=1").then()
                .statusCode(200).body("[0].outcome", equalTo("ok"));
        given().auth().preemptive().basic("viewer", "secret").when().get("/api/cabinet/status").then()
                .statusCode(200).body("up", equalTo(true));
    }

    private static TrunkChanged read(ConsumerRecord<String, String> r) {
        try {
            return JSON.readValue(r.value(), TrunkChanged.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
