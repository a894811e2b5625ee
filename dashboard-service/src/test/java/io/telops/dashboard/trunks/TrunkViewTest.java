package io.telops.dashboard.trunks;

import static io.restassured.RestAssured.given;
import static io.telops.dashboard.TestUsers.login;
import static io.telops.dashboard.TestUsers.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.telops.contracts.Topics;
import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkChangeOrigin;
import io.telops.contracts.vats.TrunkChanged;
import io.telops.contracts.vats.TrunkSnapshot;
import io.telops.contracts.vats.TrunkState;
import io.telops.contracts.vats.VatsEventTypes;
import io.telops.contracts.vats.VatsTrunkEvent;
import io.telops.dashboard.CloudEventProducer;
import io.telops.dashboard.Eventually;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * The trunks view through a real Kafka broker into PostgreSQL and out of the API and the pages: vats-parser-service's
 * change events and snapshots (serialised with EventJson, binary CloudEvents) drive each trunk's state and history.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class TrunkViewTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void changeEventsDriveStateLastChangeAndAPagedHistory() {
        String enterprise = randomId();
        String trunk = randomId();
        String number = "7916" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        TrunkState active = new TrunkState(number, Optional.of("Reception"), true, false, true, false, true);
        TrunkState off = new TrunkState(number, Optional.of("Reception"), false, false, true, false, false);
        TrunkState marked = new TrunkState(number, Optional.of("Reception"), false, true, true, false, false);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, change(trunk, enterprise, t, List.of(TrunkChange.APPEARED), Optional.empty(), Optional.of(active)));
        }
        Eventually.within(WAIT, () -> assertThat(trunk(trunk).getString("state")).isEqualTo("active"));
        JsonPath appeared = trunk(trunk);
        assertThat(appeared.getString("phoneNumber")).isEqualTo(number);
        assertThat(appeared.getString("displayName")).isEqualTo("Reception");
        assertThat(appeared.getBoolean("bindingWorking")).isTrue();
        assertThat(appeared.getString("lastChangeAt")).isEqualTo(t.toString());
        assertThat(appeared.getList("lastChanges")).containsExactly("APPEARED");

        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            TrunkChanged byOperator = new TrunkChanged(trunk, enterprise, "op-" + UUID.randomUUID(), TrunkChangeOrigin.OPERATOR,
                    Optional.of("admin"), t.plusSeconds(10), List.of(TrunkChange.DEACTIVATED, TrunkChange.SIP_DEVICE_OFF),
                    Optional.of(active), Optional.of(off));
            publish(producer, byOperator);
        }
        Eventually.within(WAIT, () -> assertThat(trunk(trunk).getString("state")).isEqualTo("deactivated"));
        assertThat(trunk(trunk).getString("lastChangeOrigin")).isEqualTo("OPERATOR");
        assertThat(trunk(trunk).getBoolean("sipDeviceOn")).isFalse();

        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, change(trunk, enterprise, t.plusSeconds(20), List.of(TrunkChange.MARKED_FOR_DELETION), Optional.of(off),
                    Optional.of(marked)));
            publish(producer, change(trunk, enterprise, t.plusSeconds(30), List.of(TrunkChange.DISAPPEARED), Optional.of(marked),
                    Optional.empty()));
        }
        Eventually.within(WAIT, () -> assertThat(trunk(trunk).getString("state")).isEqualTo("disappeared"));
        JsonPath gone = trunk(trunk);
        assertThat(gone.getBoolean("present")).isFalse();
        assertThat(gone.getBoolean("markedForDeletion")).as("the last known flags are kept").isTrue();
        assertThat(gone.getString("stateAt")).isEqualTo(t.plusSeconds(30).toString());

        JsonPath history = operator().get("/api/trunks/" + trunk + "/history?size=3").then().statusCode(200).extract().jsonPath();
        assertThat(history.getInt("total")).isEqualTo(4);
        assertThat(history.getList("items.changes", List.class)).containsExactly(List.of("DISAPPEARED"), List.of("MARKED_FOR_DELETION"),
                List.of("DEACTIVATED", "SIP_DEVICE_OFF"));
        assertThat(history.getString("items[2].origin")).isEqualTo("OPERATOR");
        assertThat(history.getString("items[2].actor")).isEqualTo("admin");
        assertThat(history.getBoolean("items[2].previous.activated")).isTrue();
        assertThat(history.getBoolean("items[2].current.activated")).isFalse();
        assertThat(history.getString("items[0].current")).isNull();
        operator().get("/api/trunks/" + trunk + "/history?size=3&page=1").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].changes[0]", equalTo("APPEARED"));

        operator().get("/api/trunks?state=disappeared&q=" + trunk).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].trunkId", equalTo(trunk));
        operator().get("/api/trunks?q=" + number).then().body("total", equalTo(1));
        operator().get("/api/trunks?state=active&q=" + trunk).then().body("total", equalTo(0));
    }

    @Test
    void aCopiedEventIsAppliedOnceAndALateEventIsHistoryOnly() {
        String enterprise = randomId();
        String trunk = randomId();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        TrunkState on = new TrunkState("79160000001", Optional.empty(), true, false, true, false, true);
        TrunkState lost = new TrunkState("79160000001", Optional.empty(), true, false, false, false, true);
        String id = UUID.randomUUID().toString();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            TrunkChanged bindingLost = change(trunk, enterprise, t.plusSeconds(20), List.of(TrunkChange.BINDING_LOST), Optional.of(on),
                    Optional.of(lost));
            publish(producer, id, bindingLost);
            publish(producer, id, bindingLost);
            // observed earlier, published later: history, not state
            publish(producer, change(trunk, enterprise, t.plusSeconds(10), List.of(TrunkChange.BINDING_RESTORED), Optional.of(lost),
                    Optional.of(on)));
            publish(producer, id, bindingLost);
            publish(producer, snapshot(trunk, enterprise, UUID.randomUUID().toString(), 50, t.plusSeconds(5), on));
            // the marker: same key, so everything before it has been applied once it shows
            publish(producer, change(trunk, enterprise, t.plusSeconds(15), List.of(TrunkChange.DETAILS_CHANGED), Optional.of(on),
                    Optional.of(on)));
        }
        Eventually.within(WAIT, () -> assertThat(operator().get("/api/trunks/" + trunk + "/history").then().statusCode(200)
                .extract().jsonPath().getInt("total")).isEqualTo(3));
        JsonPath view = trunk(trunk);
        assertThat(view.getString("state")).isEqualTo("binding-lost");
        assertThat(view.getString("stateAt")).isEqualTo(t.plusSeconds(20).toString());
        assertThat(view.getString("lastChangeAt")).isEqualTo(t.plusSeconds(20).toString());
        assertThat(view.getList("lastChanges")).containsExactly("BINDING_LOST");
        JsonPath history = operator().get("/api/trunks/" + trunk + "/history").then().extract().jsonPath();
        assertThat(history.getList("items.id")).as("three copies of one ce_id give one row").containsOnlyOnce(id);
        assertThat(history.getList("items.applied", Boolean.class)).containsExactly(true, false, false);
        assertThat(history.getList("items.observedAt")).containsExactly(t.plusSeconds(20).toString(),
                t.plusSeconds(15).toString(), t.plusSeconds(10).toString());
    }

    @Test
    void snapshotsReconcileMissedChangesAndNeverDeclareATrunkGone() {
        String enterprise = randomId();
        String listed = randomId();
        String unlisted = randomId();
        String fromSnapshot = randomId();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        TrunkState ok = new TrunkState("79160000010", Optional.of("Sales"), true, false, true, false, true);
        TrunkState lost = new TrunkState("79160000010", Optional.of("Sales"), true, false, false, false, true);
        TrunkState other = new TrunkState("79160000011", Optional.empty(), true, false, true, false, false);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, change(listed, enterprise, t, List.of(TrunkChange.APPEARED), Optional.empty(), Optional.of(ok)));
            publish(producer, change(unlisted, enterprise, t, List.of(TrunkChange.APPEARED), Optional.empty(), Optional.of(other)));
        }
        Eventually.within(WAIT, () -> {
            assertThat(trunk(listed).getString("state")).isEqualTo("active");
            assertThat(trunk(unlisted).getString("state")).isEqualTo("active");
        });
        // a complete snapshot of two trunks: one whose binding was lost without a change event reaching us, and one new
        String snapshotId = UUID.randomUUID().toString();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, snapshot(listed, enterprise, snapshotId, 2, t.plusSeconds(60), lost));
            publish(producer, snapshot(fromSnapshot, enterprise, snapshotId, 2, t.plusSeconds(60), other));
        }
        Eventually.within(WAIT, () -> assertThat(operator().get("/api/trunks/snapshots?limit=200").then().statusCode(200)
                .extract().jsonPath().getString("find { it.snapshotId == '" + snapshotId + "' }.completedAt")).isNotNull());
        Eventually.within(WAIT, () -> assertThat(trunk(listed).getString("state")).isEqualTo("binding-lost"));
        JsonPath reconciled = operator().get("/api/trunks/" + listed + "/history").then().extract().jsonPath();
        assertThat(reconciled.getString("items[0].origin")).isEqualTo("SNAPSHOT");
        assertThat(reconciled.getList("items[0].changes")).containsExactly("BINDING_LOST");
        assertThat(reconciled.getString("items[0].runId")).isEqualTo(snapshotId);
        assertThat(trunk(listed).getString("lastChangeOrigin")).isEqualTo("SNAPSHOT");
        assertThat(trunk(listed).getBoolean("notInLatestSnapshot")).isFalse();
        JsonPath fresh = trunk(fromSnapshot);
        assertThat(fresh.getString("state")).isEqualTo("active");
        assertThat(fresh.getString("lastChangeAt")).isNull();
        JsonPath missing = trunk(unlisted);
        assertThat(missing.getString("state")).as("only a DISAPPEARED event says a trunk is gone").isEqualTo("active");
        assertThat(missing.getBoolean("present")).isTrue();
        assertThat(missing.getBoolean("notInLatestSnapshot")).isTrue();

        // the same state again in a later snapshot confirms it without a history row; then the producer's change of an
        // observation replaces what a snapshot of the same observation inferred
        TrunkState restored = new TrunkState("79160000010", Optional.of("Sales"), true, false, true, false, true);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            String later = UUID.randomUUID().toString();
            publish(producer, snapshot(listed, enterprise, later, 3, t.plusSeconds(120), lost));
            publish(producer, snapshot(listed, enterprise, UUID.randomUUID().toString(), 3, t.plusSeconds(180), restored));
            publish(producer, change(listed, enterprise, t.plusSeconds(180), List.of(TrunkChange.BINDING_RESTORED), Optional.of(lost),
                    Optional.of(restored)));
        }
        Eventually.within(WAIT, () -> assertThat(operator().get("/api/trunks/" + listed + "/history").then().extract().jsonPath()
                .getString("items[0].origin")).isEqualTo("SYNC"));
        JsonPath after = operator().get("/api/trunks/" + listed + "/history").then().extract().jsonPath();
        assertThat(after.getInt("total")).isEqualTo(3);
        assertThat(after.getList("items.origin")).containsExactly("SYNC", "SNAPSHOT", "SYNC");
        JsonPath view = trunk(listed);
        assertThat(view.getString("state")).isEqualTo("active");
        assertThat(view.getString("stateAt")).isEqualTo(t.plusSeconds(180).toString());
    }

    @Test
    void pagesEscapeHostileTextAndTheApiRejectsBadInput() {
        String enterprise = randomId();
        String trunk = randomId();
        String hostile = "<script>alert('trunk')</script>";
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        TrunkState state = new TrunkState("79160000099", Optional.of(hostile), false, true, false, false, false);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, change(trunk, enterprise, t, List.of(TrunkChange.APPEARED), Optional.empty(), Optional.of(state)));
            producer.send(Topics.VATS_TRUNKS, trunk, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    VatsEventTypes.TRUNK_CHANGED.type(), t), CloudEventProducer.json(Map.of("trunkId", trunk)));
            producer.send(Topics.VATS_TRUNKS, trunk, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    "io.telops.vats.trunk-renamed.v1", t), CloudEventProducer.json(Map.of("trunkId", trunk)));
        }
        Eventually.within(WAIT, () -> assertThat(trunk(trunk).getString("state")).isEqualTo("marked-for-deletion"));
        String session = login();
        String list = given().cookie("telops-dashboard", session).get("/trunks?q=" + trunk).then().statusCode(200).extract().asString();
        assertThat(list).contains("id=\"trunk-" + trunk + "\"", "data-state=\"marked-for-deletion\"",
                "data-live-topic=\"telops.vats-trunks\"", "&lt;script&gt;alert(&#39;trunk&#39;)&lt;/script&gt;", "href=\"/trunks\"",
                "badge-binding-lost").doesNotContain(hostile);
        String page = given().cookie("telops-dashboard", session).get("/trunks/" + trunk).then().statusCode(200).extract().asString();
        assertThat(page).contains("data-live-key=\"" + trunk + "\"", "&lt;script&gt;alert(&#39;trunk&#39;)&lt;/script&gt;", "appeared")
                .doesNotContain(hostile);
        given().cookie("telops-dashboard", session).get("/trunks/" + randomId()).then().statusCode(404);
        given().redirects().follow(false).get("/trunks").then().statusCode(302).header("Location", containsString("/login"));
        operator().get("/api/trunks/" + trunk + "/history").then().body("total", equalTo(1));

        operator().get("/api/trunks?state=sleeping").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("state"));
        operator().get("/api/trunks?size=0").then().statusCode(400);
        operator().get("/api/trunks/" + randomId()).then().statusCode(404).contentType("application/problem+json");
        operator().get("/api/trunks/" + randomId() + "/history").then().statusCode(404);
        given().get("/api/trunks").then().statusCode(401);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/trunks'.get.tags", hasItem("trunks"))
                .body("paths.'/api/trunks/{id}/history'.get", notNullValue());
    }

    static JsonPath trunk(String id) {
        return operator().get("/api/trunks/" + id).then().statusCode(200).extract().jsonPath();
    }

    static TrunkChanged change(String trunk, String enterprise, Instant at, List<TrunkChange> changes, Optional<TrunkState> previous,
                               Optional<TrunkState> current) {
        return new TrunkChanged(trunk, enterprise, UUID.randomUUID().toString(), TrunkChangeOrigin.SYNC, Optional.empty(), at, changes,
                previous, current);
    }

    static TrunkSnapshot snapshot(String trunk, String enterprise, String snapshotId, int size, Instant at, TrunkState state) {
        return new TrunkSnapshot(trunk, enterprise, snapshotId, size, at, state);
    }

    static void publish(CloudEventProducer producer, VatsTrunkEvent event) {
        publish(producer, UUID.randomUUID().toString(), event);
    }

    static void publish(CloudEventProducer producer, String id, VatsTrunkEvent event) {
        producer.send(Topics.VATS_TRUNKS, event.trunkId(), CloudEventProducer.headers(id, VatsEventTypes.of(event).type(),
                event.observedAt()), CloudEventProducer.json(event));
    }

    static String randomId() {
        return Long.toString(2_600_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
    }
}
