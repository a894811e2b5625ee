package io.telops.provisioning.template;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.telops.provisioning.TestData;
import io.telops.provisioning.serving.FetchRecorder;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Issue #21 item 5, the new operator's first run: default templates are there on start, a Yealink device made from
 * one needs nothing else for its phone to fetch a config, missing values are listed all at once, and a phone whose
 * config cannot be rendered gets 503 with Retry-After, an event and a metric instead of a bare 500.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class FirstRunTest {
    private static final String YEALINK_UA = "Yealink SIP-T54W 96.86.0.100 ";

    @Inject
    DefaultTemplates defaults;
    @Inject
    FetchRecorder recorder;

    private Map<String, Object> savedGlobal;

    /** A first run has no global settings; other classes of the suite set some in the shared database. */
    @BeforeEach
    void emptyGlobalLayer() {
        savedGlobal = TestData.admin().get("/api/settings/global").then().statusCode(200).extract().jsonPath().getMap("$");
        TestData.admin().contentType(ContentType.JSON).body(Map.of()).put("/api/settings/global").then().statusCode(200);
    }

    @AfterEach
    void restoreGlobalLayer() {
        TestData.admin().contentType(ContentType.JSON).body(savedGlobal).put("/api/settings/global").then().statusCode(200);
    }

    private static Map<String, Object> yealink(String mac, String model, Map<String, String> settings) {
        return Map.of("mac", mac, "brand", "yealink", "family", "t5x", "model", model, "settings", settings,
                "lines", List.of(Map.of("sipUser", "3001", "password", "line-secret-3001", "registrar", "pbx.example.com")));
    }

    private static Response phoneFetch(String mac, String provPassword, String ip) {
        String colons = mac.replaceAll("(..)(?!$)", "$1:").toLowerCase();
        return given().auth().preemptive().basic(mac.toLowerCase(), provPassword).header("X-Forwarded-For", ip)
                .header("User-Agent", YEALINK_UA + colons).get("/prov/yealink/" + mac.toLowerCase() + ".cfg");
    }

    @Test
    void defaultTemplatesAreLoadedOnStartAndLoadingAgainAddsNothing() {
        TestData.admin().get("/api/templates").then().statusCode(200).body("$", hasItems("ui/yealink/t4x/t46s",
                "ui/yealink/t5x/t54w", "ui/polycom/vvx/vvx450", "ui/snom/d7xx/d785", "ui/grandstream/gxp21xx/gxp2170",
                "ui/mitel/68xx/6867i", "ui/mitel/69xx/6940"));
        TestData.admin().get("/api/templates/yealink/t5x/t54w/versions").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].createdBy", equalTo(DefaultTemplates.AUTHOR));
        // the catalogue follows the templates, so monster-ui has models to offer
        given().get("/ui/mitel/69xx/6940").then().statusCode(200).body("data.template.feature_keys.iterate", equalTo(12));
        // a restart (or a second replica) adds nothing
        assertThat(defaults.load()).isZero();
        TestData.admin().get("/api/templates/yealink/t5x/t54w/versions").then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void aYealinkFromTheDefaultTemplateIsServedOnItsFirstFetch() {
        String mac = "001565500001";
        Response created = TestData.admin().contentType(ContentType.JSON).body(yealink(mac, "t54w", Map.of()))
                .post("/api/devices");
        created.then().statusCode(201).body("missingSettings", equalTo(List.of()))
                .body("generatedProvPassword", notNullValue()).body("generatedAdminPassword", notNullValue());
        String provPassword = created.path("generatedProvPassword");
        String adminPassword = created.path("generatedAdminPassword");
        assertThat(adminPassword).hasSizeGreaterThanOrEqualTo(16).isNotEqualTo(provPassword);

        Response fetch = phoneFetch(mac, provPassword, "10.21.5.1");
        fetch.then().statusCode(200);
        String cfg = fetch.asString();
        assertThat(cfg).startsWith("#!version:1.0.0.1\n")
                .contains("static.security.user_password = admin:" + adminPassword, "local_time.time_zone = 0",
                        "local_time.summer_time = 0", "lang.gui = English", "voice.tone.country = Custom",
                        "local_time.ntp_server1 = pool.ntp.org", "account.1.password = line-secret-3001")
                // no firmware and no phonebook yet: those keys are left out, not written empty
                .doesNotContain("static.firmware.url", "remote_phonebook.data.1.url", "{");

        // the admin password was shown once; the device record and the effective settings do not repeat it
        TestData.admin().get("/api/devices/" + mac).then().statusCode(200).body("generatedAdminPassword", nullValue());
        Response effective = TestData.admin().get("/api/devices/" + mac + "/effective-settings");
        effective.then().statusCode(200).body("ADMIN_PASSWORD.layer", equalTo("GENERATED"))
                .body("TIMEZONE.value", equalTo("0")).body("TIMEZONE.layer", equalTo("DEFAULT"))
                .body("FIRMWARE_URL.value", equalTo(""));
        assertThat(effective.asString()).doesNotContain(adminPassword);

        // a new admin password is shown once and reaches the phone
        String rotated = TestData.admin().post("/api/devices/" + mac + "/admin-password").then().statusCode(200)
                .extract().path("adminPassword");
        assertThat(rotated).isNotEqualTo(adminPassword);
        assertThat(phoneFetch(mac, provPassword, "10.21.5.1").asString()).contains("admin:" + rotated);
    }

    @Test
    void missingValuesAreListedAtOnceAndThePhoneGets503WithAnEventAndAMetric() {
        String template = """
                {"_id": "ui/yealink/t5x/t5first", "endpoint_brand": "yealink", "endpoint_family": "t5x",
                 "endpoint_model": "t5first", "pvt_configs": {"account_counter": 1},
                 "cfg_base": {"features.alpha": {"value": "{ALPHA_ONE}"}, "features.beta": {"value": "{BETA_TWO}"},
                              "lang.gui": {"value": "{LANGUAGE}"}},
                 "cfg_account": {"account.{ACCOUNT}.user_name": {"value": "{SIPUSERNAME}"},
                                 "account.{ACCOUNT}.codec": {"value": "{CODEC_LIST}"}}}""";
        TestData.admin().contentType(ContentType.JSON).body(template).post("/api/templates").then().statusCode(200);
        String mac = "001565500002";
        Response created = TestData.admin().contentType(ContentType.JSON).body(yealink(mac, "t5first", Map.of()))
                .post("/api/devices");
        created.then().statusCode(201).body("missingSettings", equalTo(List.of("ALPHA_ONE", "BETA_TWO", "CODEC_LIST")));
        String provPassword = created.path("generatedProvPassword");
        TestData.admin().get("/api/devices/" + mac + "/effective-settings").then().statusCode(200)
                .body("ALPHA_ONE.layer", equalTo("MISSING")).body("ALPHA_ONE.value", nullValue())
                .body("CODEC_LIST.layer", equalTo("MISSING")).body("LANGUAGE.layer", equalTo("DEFAULT"));

        for (int i = 0; i < 3; i++) {
            Response r = phoneFetch(mac, provPassword, "10.21.5.2");
            r.then().statusCode(503).header("Retry-After", "300");
            assertThat(r.asString()).doesNotContain("line-secret", "ALPHA");
        }
        recorder.flush();
        var events = TestData.readEvents(seen -> seen.stream().anyMatch(r -> mac.equals(r.key())
                && "io.telops.provisioning.config-render-failed.v1".equals(TestData.header(r, "ce_type"))), Duration.ofSeconds(30));
        var failures = events.stream().filter(r -> mac.equals(r.key())
                && "io.telops.provisioning.config-render-failed.v1".equals(TestData.header(r, "ce_type"))).toList();
        assertThat(failures).as("three failed fetches, one event (rate-limited per device and file)").hasSize(1);
        assertThat(failures.get(0).value()).contains("\"reason\":\"missing-settings\"", "\"fileName\":\"" + mac.toLowerCase() + ".cfg\"",
                "\"templateId\":\"ui/yealink/t5x/t5first\"", "\"missingSettings\":[\"ALPHA_ONE\",\"BETA_TWO\",\"CODEC_LIST\"]");
        assertThat(given().get("/q/metrics").asString())
                .containsPattern("telops_provisioning_render_failures_total\\{[^}]*reason=\"missing-settings\"[^}]*} [3-9]");

        // setting the values (here on the device) clears the list and the phone gets its file
        TestData.admin().contentType(ContentType.JSON)
                .body(yealink(mac, "t5first", Map.of("ALPHA_ONE", "a", "BETA_TWO", "b", "CODEC_LIST", "PCMA")))
                .put("/api/devices/" + mac).then().statusCode(200).body("missingSettings", equalTo(List.of()));
        assertThat(phoneFetch(mac, provPassword, "10.21.5.2").then().statusCode(200).extract().asString())
                .contains("features.alpha = a", "account.1.codec = PCMA");

        // a new template version that needs another value reports the devices that lack it
        TestData.admin().contentType(ContentType.JSON).body(template.replace("\"{LANGUAGE}\"", "\"{GAMMA_THREE}\""))
                .post("/api/templates").then().statusCode(200)
                .body("missingSettings." + mac, equalTo(List.of("GAMMA_THREE")));
    }
}
