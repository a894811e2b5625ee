package io.telops.provisioning.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.telops.provisioning.TestData;
import io.telops.provisioning.render.GoldenFixtures;
import io.telops.provisioning.render.Vendor;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** The admin API: catalogue and monster-ui reads, versioned templates, devices, settings layers, CSV. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class AdminApiTest {
    /** A 1x1 transparent PNG. */
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @Inject
    EntityManager em;

    @Test
    void brandTreeImportsAndAnswersMonsterUi() {
        String tree = """
                {"data":{"mitel":{"id":"mitel","name":"mitel","families":{"67xx":{"id":"mitel_67xx","name":"67xx",
                   "models":{"6730":{"name":6730,"id":"mitel_6730"},"6753-1":{"name":"6753-1","id":"mitel_6753-1"}}}}}}}""";
        TestData.admin().contentType(ContentType.JSON).body(tree).post("/api/catalogue/tree").then().statusCode(200)
                .body("models", equalTo(2));
        given().get("/phones").then().statusCode(200)
                .body("data.mitel.families.'67xx'.id", equalTo("mitel_67xx"))
                .body("data.mitel.families.'67xx'.models.'6730'.name", equalTo("6730"))
                .body("data.mitel.families.'67xx'.models.'6753-1'.id", equalTo("mitel_6753-1"));
        TestData.admin().contentType(ContentType.JSON).body(Map.of("brand", "Snom", "family", "7xx", "model", "D785",
                "featureKeys", 24, "comboKeys", 0, "moduleKeys", 18, "maxModules", 3)).put("/api/catalogue/models").then().statusCode(200);
        // monster-ui lowercases the keys; a -n suffix counts the modules' keys
        given().get("/ui/snom/7xx/d785").then().statusCode(200).body("data.template.feature_keys.iterate", equalTo(24))
                .body("data.template.combo_keys.iterate", equalTo(0));
        given().get("/ui/snom/7xx/d785-2").then().statusCode(200).body("data.template.feature_keys.iterate", equalTo(60));
        given().get("/ui/snom/7xx/none").then().statusCode(404).contentType(containsString("problem+json"));
    }

    @Test
    void templatesAreVersionedAndDevicesCanPin() {
        TestData.templates();
        String json = GoldenFixtures.resource("yealink/template.json");
        String changed = json.replace("\"features.dnd.enable\": {\"value\": \"0\"}", "\"features.dnd.enable\": {\"value\": \"1\"}");
        int v1 = TestData.admin().contentType(ContentType.JSON).body(json).post("/api/templates").then().statusCode(200)
                .extract().path("version");
        int v2 = TestData.admin().contentType(ContentType.JSON).body(changed).post("/api/templates").then().statusCode(200)
                .extract().path("version");
        assertThat(v2).isGreaterThan(v1);
        // posting the same document again makes no new version
        TestData.admin().contentType(ContentType.JSON).body(changed).post("/api/templates").then().statusCode(200)
                .body("version", equalTo(v2));
        TestData.admin().get("/api/templates/yealink/t4x/t46s/versions").then().statusCode(200).body("version", hasItem(v2));
        TestData.admin().get("/api/templates/yealink/t4x/t46s?version=" + v1).then().statusCode(200)
                .body("cfg_behavior.'features.dnd.enable'.value", equalTo("0"));

        Map<String, Object> pinned = new java.util.HashMap<>(TestData.device(Vendor.YEALINK, "001565300001"));
        pinned.put("pinnedVersion", v1);
        TestData.admin().contentType(ContentType.JSON).body(pinned).post("/api/devices").then().statusCode(201)
                .body("pinnedVersion", equalTo(v1));
        TestData.admin().get("/api/devices/001565300001/config").then().statusCode(200)
                .body(containsString("features.dnd.enable = " + (v1 == 1 ? "0" : "0")));
        TestData.createDevice(Vendor.YEALINK, "001565300002");
        String follows = TestData.admin().get("/api/devices/001565300002/config").asString();
        assertThat(follows).contains("features.dnd.enable = 1");
        // restore the golden document as the latest version for the other tests
        TestData.admin().contentType(ContentType.JSON).body(json).post("/api/templates").then().statusCode(200);
        // only admins write
        given().auth().preemptive().basic("viewer", "secret").contentType(ContentType.JSON).body(json).post("/api/templates")
                .then().statusCode(403);
    }

    @Test
    void aNewTemplateVersionIsAnnouncedForEveryDeviceThatFollowsIt() {
        TestData.templates();
        String json = GoldenFixtures.resource("yealink/template.json");
        Map<String, Object> pinned = new java.util.HashMap<>(TestData.device(Vendor.YEALINK, "001565300011"));
        int current = TestData.admin().get("/api/templates/yealink/t4x/t46s/versions").then().statusCode(200)
                .extract().<List<Integer>>path("version").stream().mapToInt(Integer::intValue).max().orElseThrow();
        pinned.put("pinnedVersion", current);
        TestData.admin().contentType(ContentType.JSON).body(pinned).post("/api/devices").then().statusCode(201);
        TestData.createDevice(Vendor.YEALINK, "001565300012");
        String changed = json.replace("\"features.dnd.enable\": {\"value\": \"0\"}", "\"features.dnd.enable\": {\"value\": \"1\"}");
        int next = TestData.admin().contentType(ContentType.JSON).body(changed).post("/api/templates").then().statusCode(200)
                .extract().path("version");
        assertThat(next).isGreaterThan(current);
        String announcement = "\"changed\":[\"templateVersion\"]";
        var events = TestData.readEvents(seen -> seen.stream().anyMatch(r -> "001565300012".equals(r.key())
                && r.value().contains(announcement) && r.value().contains("\"templateVersion\":" + next)), Duration.ofSeconds(30));
        // created with the version it renders from, then told about the new one; the pinned device is not told
        assertThat(events).filteredOn(r -> "001565300012".equals(r.key()))
                .extracting(r -> TestData.header(r, "ce_type") + " " + r.value())
                .anySatisfy(v -> assertThat(v).startsWith("io.telops.provisioning.device-created.v1")
                        .contains("\"templateVersion\":" + current))
                .anySatisfy(v -> assertThat(v).startsWith("io.telops.provisioning.device-changed.v1")
                        .contains(announcement, "\"templateVersion\":" + next).doesNotContain("pinnedVersion"));
        assertThat(events).filteredOn(r -> "001565300011".equals(r.key())).isNotEmpty()
                .noneMatch(r -> r.value().contains(announcement))
                .allMatch(r -> r.value().contains("\"pinnedVersion\":" + current + ",\"templateVersion\":" + current));
        // restore the golden document as the latest version for the other tests
        TestData.admin().contentType(ContentType.JSON).body(json).post("/api/templates").then().statusCode(200);
    }

    @Test
    void importingAPhoneExportGivesAReviewableTemplate() {
        String export = GoldenFixtures.resource("mitel/export.cfg");
        TestData.admin().contentType(ContentType.TEXT).body(export)
                .post("/api/templates/import?brand=mitel&family=67xx&model=6867i&phoneKeys=6")
                .then().statusCode(200)
                .body("templateId", equalTo("ui/mitel/67xx/6867i"))
                .body("document.cfg_account.'sip line{ACCOUNT} password'.value", equalTo(" {SIPSECRET}"))
                .body("document.usr_keys.setable_phone_keys", equalTo("6"))
                .body("droppedSettings", hasItem("sip line2 user name"))
                .body("saved", equalTo(null));
        TestData.admin().contentType(ContentType.TEXT).body("<settings><a>&unknown;</a>")
                .post("/api/templates/import?brand=snom&family=7xx&model=715").then().statusCode(422);
    }

    @Test
    void devicesValidateEncryptSecretsAndShowEffectiveSettings() {
        TestData.templates();
        TestData.admin().contentType(ContentType.JSON).body(Map.of("NTP_SERVER", "ntp.global.example", "LANGUAGE", "German",
                "TONE_SCHEME", "GER")).put("/api/settings/global").then().statusCode(200);
        TestData.admin().contentType(ContentType.JSON).body(Map.of("name", "Bern", "settings", Map.of("LANGUAGE", "French")))
                .put("/api/sites/bern").then().statusCode(200);
        TestData.admin().contentType(ContentType.JSON).body(Map.of("brand", "snom", "family", "7xx", "model", "715",
                "featureKeys", 5, "comboKeys", 0, "moduleKeys", 18, "maxModules", 2,
                "settings", Map.of("TONE_SCHEME", "SWI", "LANGUAGE", "Italian"))).put("/api/catalogue/models").then().statusCode(200);
        Map<String, Object> d = new java.util.HashMap<>(TestData.device(Vendor.SNOM, "00:04:13:30:00:01"));
        d.put("siteId", "bern");
        d.put("settings", Map.of("LANGUAGE", "Romansh"));
        d.put("timezone", "CHE+1");
        d.put("firmwareUrl", "https://fw.example.net/snom.bin");
        d.put("macLock", false);
        TestData.admin().contentType(ContentType.JSON).body(d).post("/api/devices").then().statusCode(201)
                .body("mac", equalTo("000413300001"))
                .body("lines[0].hasPassword", equalTo(true))
                .body(org.hamcrest.Matchers.not(containsString(GoldenFixtures.TRICKY_PASSWORD)));
        TestData.admin().get("/api/devices/000413300001/effective-settings").then().statusCode(200)
                .body("LANGUAGE.value", equalTo("Romansh")).body("LANGUAGE.layer", equalTo("DEVICE"))
                .body("TONE_SCHEME.value", equalTo("SWI")).body("TONE_SCHEME.layer", equalTo("MODEL"))
                .body("NTP_SERVER.value", equalTo("ntp.global.example")).body("NTP_SERVER.layer", equalTo("GLOBAL"))
                .body("PROV_SERVER.layer", equalTo("DEFAULT"));
        // at rest the SIP and provisioning passwords are AES-GCM ciphertext
        String stored = QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT lines || prov_password_enc FROM device WHERE mac = '000413300001'").getSingleResult());
        assertThat(stored).doesNotContain("pa$0w").doesNotContain(TestData.PROV_PASSWORD).contains("v1:");

        // invalid input: clear 4xx problems
        Map<String, Object> bad = new java.util.HashMap<>(TestData.device(Vendor.SNOM, "000413300002"));
        bad.put("lines", List.of(Map.of("sipUser", "2001", "password", "x", "registrar", "pbx", "displayName", "Eve\nuser_pass: x")));
        TestData.admin().contentType(ContentType.JSON).body(bad).post("/api/devices").then().statusCode(422)
                .contentType(containsString("problem+json")).body("detail", containsString("displayName"));
        bad = new java.util.HashMap<>(TestData.device(Vendor.SNOM, "not-a-mac"));
        TestData.admin().contentType(ContentType.JSON).body(bad).post("/api/devices").then().statusCode(422);
        bad = new java.util.HashMap<>(TestData.device(Vendor.SNOM, "000413300003"));
        bad.put("keys", List.of(Map.of("module", 0, "position", 99, "type", "presence", "value", "1")));
        TestData.admin().contentType(ContentType.JSON).body(bad).post("/api/devices").then().statusCode(422);
        TestData.admin().contentType(ContentType.JSON).body(TestData.device(Vendor.SNOM, "000413300001")).post("/api/devices")
                .then().statusCode(409);
        TestData.admin().delete("/api/devices/000413300001").then().statusCode(204);
        TestData.admin().get("/api/devices/000413300001").then().statusCode(404);
    }

    @Test
    void csvBulkImport() {
        TestData.templates();
        String csv = """
                mac,brand,family,model,sip_user,sip_password,registrar,display_name,prov_password
                00:15:65:40:00:01,yealink,t4x,t46s,3001,p1,pbx.example.com,"Smith, John",prov-pass-1
                00:15:65:40:00:01,yealink,t4x,t46s,3002,p2,pbx.example.com,Second line,
                001565400002,yealink,t4x,t46s,3003,p3,pbx.example.com,Jane,
                zzzz,yealink,t4x,t46s,3004,p4,pbx.example.com,Nobody,
                001565400003,nokia,x,y,3005,p5,pbx.example.com,Nobody,
                """;
        TestData.admin().contentType("text/csv").body(csv).post("/api/devices/import").then().statusCode(200)
                .body("size()", equalTo(4))
                .body("find { it.mac == '001565400001' }.status", equalTo("created"))
                .body("find { it.mac == '001565400002' }.generatedProvPassword", notNullValue())
                .body("find { it.mac == 'zzzz' }.status", equalTo("rejected"))
                .body("find { it.mac == '001565400003' }.status", equalTo("rejected"));
        TestData.admin().get("/api/devices/001565400001").then().statusCode(200)
                .body("lines.size()", equalTo(2)).body("lines[0].displayName", equalTo("Smith, John"));
    }

    @Test
    void csvImportRejectsABadPortPerRowAndStillShowsEveryGeneratedPassword() {
        TestData.templates();
        String csv = """
                mac,brand,family,model,sip_user,sip_password,registrar,registrar_port
                001565400011,yealink,t4x,t46s,3011,p1,pbx.example.com,5060
                001565400012,yealink,t4x,t46s,3012,p2,pbx.example.com,fifty
                001565400013,yealink,t4x,t46s,3013,p3,pbx.example.com,
                """;
        TestData.admin().contentType("text/csv").body(csv).post("/api/devices/import").then().statusCode(200)
                .body("size()", equalTo(3))
                .body("find { it.mac == '001565400011' }.status", equalTo("created"))
                .body("find { it.mac == '001565400011' }.generatedProvPassword", notNullValue())
                .body("find { it.mac == '001565400012' }.status", equalTo("rejected"))
                .body("find { it.mac == '001565400012' }.error", containsString("registrar_port"))
                .body("find { it.mac == '001565400013' }.status", equalTo("created"));
        TestData.admin().get("/api/devices/001565400012").then().statusCode(404);
    }

    @Test
    void aNewVersionOfAModuleTemplateIsAnnouncedToTheDevicesThatUseIt() {
        String base = GoldenFixtures.resource("yealink/template.json").replace("\"t46s\"", "\"t48s\"").replace("/t46s\"", "/t48s\"");
        String modules = base.replace("\"t48s\"", "\"t48s-2\"").replace("/t48s\"", "/t48s-2\"");
        TestData.admin().contentType(ContentType.JSON).body(base).post("/api/templates").then().statusCode(200);
        TestData.admin().contentType(ContentType.JSON).body(modules).post("/api/templates").then().statusCode(200)
                .body("templateId", equalTo("ui/yealink/t4x/t48s-2"));
        String mac = "001565300031";
        Map<String, Object> d = new java.util.HashMap<>(TestData.device(Vendor.YEALINK, mac));
        d.put("model", "t48s");
        d.put("expansionModules", 2);
        TestData.admin().contentType(ContentType.JSON).body(d).post("/api/devices").then().statusCode(201)
                .body("templateId", equalTo("ui/yealink/t4x/t48s-2"));
        String changed = modules.replace("\"features.dnd.enable\": {\"value\": \"0\"}", "\"features.dnd.enable\": {\"value\": \"1\"}");
        int next = TestData.admin().contentType(ContentType.JSON).body(changed).post("/api/templates").then().statusCode(200)
                .extract().path("version");
        String announcement = "\"changed\":[\"templateVersion\"]";
        var events = TestData.readEvents(seen -> seen.stream().anyMatch(r -> mac.equals(r.key()) && r.value().contains(announcement)),
                Duration.ofSeconds(20));
        assertThat(events).filteredOn(r -> mac.equals(r.key())).extracting(r -> r.value())
                .anySatisfy(v -> assertThat(v).contains(announcement, "\"templateId\":\"ui/yealink/t4x/t48s-2\"",
                        "\"templateVersion\":" + next));
    }

    @Test
    void uploadingATemplateForANewModelAddsItToTheCatalogueTree() {
        String json = GoldenFixtures.resource("snom/template.json").replace("\"715\"", "\"d717\"").replace("/715\"", "/d717\"");
        TestData.admin().contentType(ContentType.JSON).body(json).post("/api/templates").then().statusCode(200);
        given().get("/phones").then().statusCode(200)
                .body("data.snom.families.'7xx'.models.d717.name", equalTo("d717"));
        given().get("/ui/snom/7xx/d717").then().statusCode(200)
                .body("data.template.feature_keys.iterate", equalTo(GoldenFixtures.template(Vendor.SNOM).usrKeys().phoneKeys()));
    }

    @Test
    void anUploadedModelPictureIsServedAtThePathTheTreeNames() {
        TestData.admin().contentType(ContentType.JSON).body(Map.of("brand", "yealink", "family", "t5x", "model", "t54w",
                "featureKeys", 10, "comboKeys", 0, "moduleKeys", 0, "maxModules", 0)).put("/api/catalogue/models").then().statusCode(200);
        TestData.admin().contentType("image/png").body(PNG).put("/api/catalogue/models/yealink/t5x/t54w/picture").then().statusCode(200);
        String picture = given().get("/phones").then().statusCode(200)
                .extract().path("data.yealink.families.t5x.models.t54w.picture");
        var served = given().get(picture);
        served.then().statusCode(200).contentType("image/png").header("X-Content-Type-Options", "nosniff");
        assertThat(served.asByteArray()).isEqualTo(PNG);
        // only images, only admins
        TestData.admin().contentType("image/png").body("<svg onload=alert(1)>".getBytes())
                .put("/api/catalogue/models/yealink/t5x/t54w/picture").then().statusCode(422);
        given().auth().preemptive().basic("viewer", "secret").contentType("image/png").body(PNG)
                .put("/api/catalogue/models/yealink/t5x/t54w/picture").then().statusCode(403);
        given().get("/assets/models/nothing-here.png").then().statusCode(404);
    }

    @Test
    void monsterUiMayCallFromAConfiguredOriginOnly() {
        given().header("Origin", "https://monster.test").header("Access-Control-Request-Method", "GET")
                .options("/phones").then().header("Access-Control-Allow-Origin", "https://monster.test");
        given().header("Origin", "https://monster.test").get("/phones").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://monster.test");
        var other = given().header("Origin", "https://elsewhere.test").get("/phones");
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void adminApiNeedsAnOperator() {
        given().get("/api/devices").then().statusCode(401);
        given().auth().preemptive().basic("viewer", "secret").get("/api/devices").then().statusCode(200);
        given().auth().preemptive().basic("viewer", "secret").contentType(ContentType.JSON).body(Map.of())
                .put("/api/settings/global").then().statusCode(403);
    }
}
