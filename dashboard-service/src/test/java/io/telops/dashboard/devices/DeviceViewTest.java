package io.telops.dashboard.devices;

import static io.restassured.RestAssured.given;
import static io.telops.dashboard.TestUsers.login;
import static io.telops.dashboard.TestUsers.operator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
import io.telops.contracts.provisioning.AuthFailed;
import io.telops.contracts.provisioning.ConfigFetched;
import io.telops.contracts.provisioning.ConfigRenderFailed;
import io.telops.contracts.provisioning.DeviceChanged;
import io.telops.contracts.provisioning.DeviceCreated;
import io.telops.contracts.provisioning.DeviceDeleted;
import io.telops.contracts.provisioning.DeviceResyncRequested;
import io.telops.contracts.provisioning.ProvisioningEvent;
import io.telops.contracts.provisioning.ProvisioningEventTypes;
import io.telops.dashboard.CloudEventProducer;
import io.telops.dashboard.Eventually;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * The devices view through a real Kafka broker into PostgreSQL and out of the API and the page: provisioning-service's
 * records (serialised with EventJson, published in binary CloudEvents mode) drive each device's status.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class DeviceViewTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void statusFollowsTheDeviceRecordItsFetchesAndTheNewestTemplateVersion() {
        String mac = randomMac();
        String other = randomMac();
        String template = "ui/yealink/t4x" + ThreadLocalRandom.current().nextInt(100_000) + "/t46s";
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, created(mac, template, Optional.empty(), t));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("status")).isEqualTo("pending"));
        JsonPath fresh = device(mac);
        assertThat(fresh.getString("statusReason")).isEqualTo("never fetched its config");
        assertThat(fresh.getString("brand")).isEqualTo("yealink");
        assertThat(fresh.getString("templateId")).isEqualTo(template);
        assertThat(fresh.getInt("fetchCount")).isZero();
        assertThat(fresh.getString("lastFetch")).isNull();

        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, fetched(mac, template, 1, "10.20.0.7", t.plusSeconds(10)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("status")).isEqualTo("provisioned"));
        JsonPath provisioned = device(mac);
        assertThat(provisioned.getString("lastFetch.clientIp")).isEqualTo("10.20.0.7");
        assertThat(provisioned.getString("lastFetch.userAgent")).isEqualTo("Yealink SIP-T46S 66.86.0.15 " + macColons(mac));
        assertThat(provisioned.getInt("lastFetch.templateVersion")).isEqualTo(1);
        assertThat(provisioned.getString("lastFetch.at")).isEqualTo(t.plusSeconds(10).toString());
        assertThat(provisioned.getString("lastFetch.status")).isEqualTo("served");
        assertThat(provisioned.getInt("fetchCount")).isEqualTo(1);
        assertThat(provisioned.getInt("currentVersion")).isEqualTo(1);

        // another phone on the same template gets version 2: this one now runs an older version
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, created(other, template, Optional.empty(), t.plusSeconds(20)));
            publish(producer, fetched(other, template, 2, "10.20.0.8", t.plusSeconds(30)));
        }
        Eventually.within(WAIT, () -> assertThat(device(other).getString("status")).isEqualTo("provisioned"));
        JsonPath older = device(mac);
        assertThat(older.getString("status")).isEqualTo("pending");
        assertThat(older.getInt("currentVersion")).isEqualTo(2);
        assertThat(older.getString("statusReason")).isEqualTo("last fetched " + template + " v1, current is v2");

        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, fetched(mac, template, 2, "10.20.0.7", t.plusSeconds(40)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getInt("fetchCount")).isEqualTo(2));
        assertThat(device(mac).getString("status")).isEqualTo("provisioned");

        // a change of what the phone renders makes it pending until it fetches again; an unlock does not
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, changed(mac, template, Optional.empty(), List.of("unlocked"), t.plusSeconds(50)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("recordAt")).isEqualTo(t.plusSeconds(50).toString()));
        assertThat(device(mac).getString("status")).isEqualTo("provisioned");
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, changed(mac, template, Optional.empty(), List.of("lines", "keys"), t.plusSeconds(60)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("status")).isEqualTo("pending"));
        assertThat(device(mac).getString("statusReason")).isEqualTo("its config changed after the last fetch");

        // pinned to version 1: fetching version 2 is not what it should run
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, changed(mac, template, Optional.of(1), List.of("pinnedVersion"), t.plusSeconds(70)));
            publish(producer, fetched(mac, template, 2, "10.20.0.7", t.plusSeconds(80)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getInt("fetchCount")).isEqualTo(3));
        assertThat(device(mac).getString("status")).isEqualTo("pending");
        assertThat(device(mac).getInt("currentVersion")).isEqualTo(1);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, fetched(mac, template, 1, "10.20.0.7", t.plusSeconds(90)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("status")).isEqualTo("provisioned"));

        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, new DeviceDeleted(mac, t.plusSeconds(100)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("status")).isEqualTo("deleted"));

        operator().get("/api/devices?status=deleted&mac=" + macColons(mac).toLowerCase()).then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].mac", equalTo(mac));
        operator().get("/api/devices?status=provisioned&model=T4X" + template.substring(14, template.indexOf("/t46s"))).then()
                .statusCode(200).body("total", equalTo(1)).body("items[0].mac", equalTo(other));
        operator().get("/api/devices?status=pending&mac=" + mac).then().body("total", equalTo(0));
    }

    @Test
    void anAnnouncedTemplateVersionMakesItsFollowersPendingBeforeAnyPhoneFetchedIt() {
        String mac = randomMac();
        String other = randomMac();
        String template = "ui/snom/7xx" + ThreadLocalRandom.current().nextInt(100_000) + "/715";
        String[] parts = template.split("/");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(300);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            for (String m : List.of(mac, other)) {
                publish(producer, new DeviceCreated(m, parts[1], parts[2], parts[3], Optional.empty(), template, Optional.empty(),
                        Optional.of(1), 1, true, false, t));
                publish(producer, fetched(m, template, 1, "10.21.0.1", t.plusSeconds(10)));
            }
        }
        Eventually.within(WAIT, () -> assertThat(List.of(device(mac).getString("status"), device(other).getString("status")))
                .containsOnly("provisioned"));
        // provisioning saved version 2 of the template and announces it for this device; nobody has fetched it yet
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, new DeviceChanged(mac, parts[1], parts[2], parts[3], Optional.empty(), template, Optional.empty(),
                    Optional.of(2), 1, true, false, List.of("templateVersion"), t.plusSeconds(20)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("status")).isEqualTo("pending"));
        assertThat(device(mac).getInt("currentVersion")).isEqualTo(2);
        // the version is the template's, so a follower whose own announcement is still on its way is behind too
        assertThat(device(other).getString("status")).isEqualTo("pending");
        assertThat(device(other).getString("statusReason")).isEqualTo("last fetched " + template + " v1, current is v2");
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, fetched(mac, template, 2, "10.21.0.1", t.plusSeconds(30)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("status")).isEqualTo("provisioned"));
    }

    @Test
    void aCopiedEventIsAppliedOnceAndOlderEventsNeverOverwriteNewerState() {
        String mac = randomMac();
        String template = "ui/snom/7xx" + ThreadLocalRandom.current().nextInt(100_000) + "/715";
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        String fetchId = UUID.randomUUID().toString();
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            // the newer record first, then an older one (e.g. replayed from another source)
            publish(producer, new DeviceChanged(mac, "snom", "7xx", "D785", Optional.of("zurich"), template, Optional.empty(),
                    Optional.empty(), 4, true, false, List.of("model"), t.plusSeconds(30)));
            publish(producer, new DeviceCreated(mac, "snom", "7xx", "715", Optional.empty(), template, Optional.empty(), Optional.empty(), 1,
                    true, false, t));
            publish(producer, new DeviceDeleted(mac, t.minusSeconds(5)));
            ConfigFetched newer = fetched(mac, template, 3, "10.30.0.2", t.plusSeconds(60));
            publish(producer, fetchId, newer);
            publish(producer, fetchId, newer);
            publish(producer, fetched(mac, template, 2, "10.30.0.1", t.plusSeconds(40)));
            publish(producer, fetchId, newer);
            // the marker: once this one shows, everything before it on the key's partition has been applied
            publish(producer, new AuthFailed(mac, "y" + mac.toLowerCase() + ".cfg", "10.30.0.9", Optional.empty(),
                    "bad-credentials", t.plusSeconds(45)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("lastAuthFailureReason")).isEqualTo("bad-credentials"));
        JsonPath d = device(mac);
        assertThat(d.getString("model")).as("the older create does not undo the newer change").isEqualTo("D785");
        assertThat(d.getString("siteId")).isEqualTo("zurich");
        assertThat(d.getInt("lineCount")).isEqualTo(4);
        assertThat(d.getString("recordAt")).isEqualTo(t.plusSeconds(30).toString());
        assertThat(d.getString("status")).as("the older delete is ignored; the refusal came before the last good fetch")
                .isEqualTo("provisioned");
        assertThat(d.getInt("fetchCount")).as("three copies of one ce_id count once, plus the older fetch").isEqualTo(2);
        assertThat(d.getString("lastFetch.clientIp")).isEqualTo("10.30.0.2");
        assertThat(d.getInt("lastFetch.templateVersion")).isEqualTo(3);
        assertThat(d.getString("lastFetch.at")).isEqualTo(t.plusSeconds(60).toString());
        assertThat(d.getInt("recentAuthFailures")).as("recent, but older than the last good fetch").isEqualTo(1);
        operator().get("/api/feed/" + Topics.PROVISIONING_EVENTS + "/events?type=" + ProvisioningEventTypes.CONFIG_FETCHED.type()
                + "&key=" + mac).then().statusCode(200).body("size()", equalTo(2));
    }

    @Test
    void refusalsMarkAKnownDeviceAndCountPerAddressForUnknownMacs() {
        String mac = randomMac();
        String template = "ui/mitel/6xxi" + ThreadLocalRandom.current().nextInt(100_000) + "/6867i";
        String scanner = "2001:db8::" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16)) + ":"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 16));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<String> guessed = List.of(randomMac(), randomMac(), randomMac());
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, created(mac, template, Optional.empty(), now.minusSeconds(120)));
            publish(producer, fetched(mac, template, 1, "10.40.0.2", now.minusSeconds(100)));
            publish(producer, new AuthFailed(mac, mac + ".cfg", "10.40.0.66", Optional.of("Aastra6867i MAC:" + mac), "mac-locked",
                    now.minusSeconds(50)));
            for (int i = 0; i < guessed.size(); i++) {
                publish(producer, new AuthFailed(guessed.get(i), guessed.get(i) + ".cfg", scanner, Optional.of("curl/8.5.0"),
                        "unknown-device", now.minusSeconds(30 - i)));
            }
            publish(producer, new AuthFailed(guessed.get(0), guessed.get(0) + ".cfg", scanner, Optional.empty(), "throttled",
                    now.minusSeconds(10)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("status")).isEqualTo("auth-failing"));
        JsonPath failing = device(mac);
        assertThat(failing.getInt("recentAuthFailures")).isEqualTo(1);
        assertThat(failing.getString("lastAuthFailureReason")).isEqualTo("mac-locked");
        assertThat(failing.getString("statusReason")).isEqualTo("1 refused fetch(es) since its last good fetch");
        operator().get("/api/devices/" + mac + "/auth-failures").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].clientIp", equalTo("10.40.0.66")).body("[0].reason", equalTo("mac-locked"));

        Eventually.within(WAIT, () -> operator().get("/api/devices/unknown-sources?limit=500").then().statusCode(200)
                .body("find { it.clientIp == '" + scanner + "' }.failures", equalTo(4)));
        operator().get("/api/devices/unknown-sources?limit=500").then()
                .body("find { it.clientIp == '" + scanner + "' }.distinctMacs", equalTo(3))
                .body("find { it.clientIp == '" + scanner + "' }.lastReason", equalTo("throttled"))
                .body("find { it.clientIp == '" + scanner + "' }.lastMac", equalTo(guessed.get(0)))
                .body("clientIp", org.hamcrest.Matchers.not(hasItem("10.40.0.66")));
        for (String unknown : guessed) {
            operator().get("/api/devices/" + unknown).then().statusCode(404);
        }
        operator().get("/api/devices/" + guessed.get(0) + "/auth-failures").then().statusCode(200).body("size()", equalTo(2));

        // a good fetch after the refusal: provisioned again
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, fetched(mac, template, 1, "10.40.0.2", now.minusSeconds(5)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("status")).isEqualTo("provisioned"));
        assertThat(device(mac).getInt("recentAuthFailures")).isEqualTo(1);
    }

    @Test
    void pagesEscapeHostileTextAndTheApiRejectsBadInput() {
        String mac = randomMac();
        String hostileModel = "<img src=x onerror=alert(1)>";
        String hostileAgent = "<script>alert('ua')</script>";
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, new DeviceCreated(mac, "grandstream", "gxp", hostileModel, Optional.empty(), "ui/grandstream/gxp/2170",
                    Optional.empty(), Optional.empty(), 2, true, false, t));
            publish(producer, new ConfigFetched(mac, "cfg" + mac.toLowerCase() + ".xml", "10.50.0.1", Optional.of(hostileAgent),
                    "ui/grandstream/gxp/2170", 1, "served", t.plusSeconds(1)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getInt("fetchCount")).isEqualTo(1));
        String session = login();
        String list = given().cookie("telops-dashboard", session).get("/devices?mac=" + mac).then().statusCode(200)
                .extract().asString();
        assertThat(list).contains("id=\"device-" + mac + "\"", "data-live-topic=\"telops.provisioning-events\"",
                "&lt;img src=x onerror=alert(1)&gt;", "&lt;script&gt;alert(&#39;ua&#39;)&lt;/script&gt;", "href=\"/devices\"");
        assertThat(list).doesNotContain(hostileModel, hostileAgent);
        String page = given().cookie("telops-dashboard", session).get("/devices/" + macColons(mac)).then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("data-live-key=\"" + mac + "\"", "&lt;script&gt;alert(&#39;ua&#39;)&lt;/script&gt;")
                .doesNotContain(hostileAgent, hostileModel);
        given().cookie("telops-dashboard", session).get("/devices/" + randomMac()).then().statusCode(404);
        given().redirects().follow(false).get("/devices").then().statusCode(302).header("Location", containsString("/login"));

        operator().get("/api/devices?status=sleeping").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("status"));
        operator().get("/api/devices?size=100000").then().statusCode(400);
        operator().get("/api/devices/not-a-mac").then().statusCode(400).body("title", equalTo("Bad request"));
        operator().get("/api/devices/" + randomMac()).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/devices").then().statusCode(401);
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/devices'.get.tags", hasItem("devices"))
                .body("paths.'/api/devices/{mac}'.get", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/devices/unknown-sources'.get", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anEventTheViewCannotReadIsSkippedAndTheNextOneApplies() {
        String mac = randomMac();
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            producer.send(Topics.PROVISIONING_EVENTS, mac, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    ProvisioningEventTypes.CONFIG_FETCHED.type(), t), CloudEventProducer.json(Map.of("mac", "not-a-mac")));
            producer.send(Topics.PROVISIONING_EVENTS, mac, CloudEventProducer.headers(UUID.randomUUID().toString(),
                    "io.telops.provisioning.firmware-upgraded.v1", t), CloudEventProducer.json(Map.of("mac", mac)));
            publish(producer, created(mac, "ui/snom/7xx/715", Optional.empty(), t.plusSeconds(1)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("status")).isEqualTo("pending"));
        assertThat(device(mac).getInt("fetchCount")).isZero();
    }

    @Test
    void theLastFileAResyncUntilTheNextFetchAndARenderFailureUntilASuccessfulOne() {
        String mac = randomMac();
        String template = "ui/yealink/t4x" + ThreadLocalRandom.current().nextInt(100_000) + "/t46s";
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(600);
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, created(mac, template, Optional.empty(), t));
            publish(producer, fetched(mac, template, 3, "10.20.0.9", t.plusSeconds(10)));
            publish(producer, new DeviceResyncRequested(mac, "yealink", Optional.of("7501"), "alice", t.plusSeconds(20)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getString("resync.requestedBy")).isEqualTo("alice"));
        JsonPath requested = device(mac);
        assertThat(requested.getBoolean("resync.pending")).isTrue();
        assertThat(requested.getString("resync.at")).isEqualTo(t.plusSeconds(20).toString());
        assertThat(requested.getString("lastFetch.fileName")).isEqualTo(mac.toLowerCase() + ".cfg");
        String session = login();
        String page = given().cookie("telops-dashboard", session).get("/devices/" + mac).then().statusCode(200).extract().asString();
        assertThat(page).contains(mac.toLowerCase() + ".cfg (" + template + " v3)")
                .contains("re-sync requested by alice <time datetime=\"" + t.plusSeconds(20) + "\"")
                .contains(", pending until the next fetch");
        given().cookie("telops-dashboard", session).get("/devices?mac=" + mac).then().statusCode(200)
                .body(containsString(mac.toLowerCase() + ".cfg (" + template + " v3)")).body(containsString("re-sync pending"));

        // the phone asks again, but its file cannot be rendered: it needs attention, and the re-sync is still pending
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, new ConfigRenderFailed(mac, mac.toLowerCase() + ".cfg", template, "missing settings",
                    List.of("sip_server", "line1_password"), t.plusSeconds(30)));
        }
        String link = "/devices/" + mac;
        Eventually.within(WAIT, () -> assertThat(attention().getList("link", String.class)).contains(link));
        JsonPath attention = attention();
        int index = attention.getList("link").indexOf(link);
        assertThat(attention.getString("[" + index + "].kind")).isEqualTo("CONFIG_RENDER_FAILED");
        assertThat(attention.getString("[" + index + "].detail")).isEqualTo("config " + mac.toLowerCase()
                + ".cfg could not be rendered, missing settings: sip_server, line1_password (missing settings)");
        assertThat(attention.getString("[" + index + "].since")).isEqualTo(t.plusSeconds(30).toString());
        JsonPath failing = device(mac);
        assertThat(failing.getList("renderFailure.missingSettings")).containsExactly("sip_server", "line1_password");
        assertThat(failing.getBoolean("renderFailure.open")).isTrue();
        assertThat(failing.getBoolean("resync.pending")).isTrue();

        // the next successful fetch ends both
        try (CloudEventProducer producer = CloudEventProducer.toTestBroker()) {
            publish(producer, fetched(mac, template, 4, "10.20.0.9", t.plusSeconds(40)));
        }
        Eventually.within(WAIT, () -> assertThat(device(mac).getInt("lastFetch.templateVersion")).isEqualTo(4));
        assertThat(device(mac).getBoolean("resync.pending")).isFalse();
        assertThat(device(mac).getBoolean("renderFailure.open")).isFalse();
        assertThat(attention().getList("link", String.class)).doesNotContain(link);
        assertThat(given().cookie("telops-dashboard", session).get("/devices/" + mac).then().statusCode(200).extract().asString())
                .contains(", fetched since").doesNotContain("pending until the next fetch");
    }

    static JsonPath attention() {
        return operator().get("/api/overview/attention").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath device(String mac) {
        return operator().get("/api/devices/" + mac).then().statusCode(200).extract().jsonPath();
    }

    static void publish(CloudEventProducer producer, ProvisioningEvent event) {
        publish(producer, UUID.randomUUID().toString(), event);
    }

    static void publish(CloudEventProducer producer, String id, ProvisioningEvent event) {
        producer.send(Topics.PROVISIONING_EVENTS, event.mac(), CloudEventProducer.headers(id,
                ProvisioningEventTypes.of(event).type(), event.occurredAt()), CloudEventProducer.json(event));
    }

    static DeviceCreated created(String mac, String template, Optional<Integer> pinned, Instant at) {
        String[] parts = template.split("/");
        return new DeviceCreated(mac, parts[1], parts[2], parts[3], Optional.of("hq"), template, pinned, Optional.empty(), 2, true, true, at);
    }

    static DeviceChanged changed(String mac, String template, Optional<Integer> pinned, List<String> fields, Instant at) {
        String[] parts = template.split("/");
        return new DeviceChanged(mac, parts[1], parts[2], parts[3], Optional.of("hq"), template, pinned, Optional.empty(), 2, true, true, fields,
                at);
    }

    static ConfigFetched fetched(String mac, String template, int version, String ip, Instant at) {
        return new ConfigFetched(mac, mac.toLowerCase() + ".cfg", ip, Optional.of("Yealink SIP-T46S 66.86.0.15 " + macColons(mac)),
                template, version, "served", at);
    }

    static String randomMac() {
        return String.format("805EC0%06X", ThreadLocalRandom.current().nextInt(1 << 24));
    }

    static String macColons(String mac) {
        return String.join(":", mac.split("(?<=\\G..)"));
    }
}
