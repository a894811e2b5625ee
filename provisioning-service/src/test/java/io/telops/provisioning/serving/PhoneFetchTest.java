package io.telops.provisioning.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.telops.provisioning.TestData;
import io.telops.provisioning.render.GoldenFixtures;
import io.telops.provisioning.render.Vendor;
import io.telops.provisioning.template.TemplateImporter;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/** What a phone gets on boot: vendor file names, device authentication, uniform refusals, caching. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class PhoneFetchTest {
    @Inject
    FailureThrottle throttle;
    @Inject
    FetchRecorder recorder;

    @BeforeEach
    void setUp() {
        TestData.templates();
        throttle.reset();
    }

    private static String ensure(Vendor v, String mac) {
        if (TestData.admin().get("/api/devices/" + mac).statusCode() == 404) {
            TestData.createDevice(v, mac);
        }
        return mac;
    }

    private static String path(Vendor v, String mac) {
        String m = mac.toLowerCase();
        return switch (v) {
            case SNOM -> "/prov/snom/" + m + ".xml";
            case MITEL -> "/prov/mitel/" + mac + ".cfg";
            case YEALINK -> "/prov/yealink/" + m + ".cfg";
            case POLYCOM -> "/prov/polycom/" + m + "-telops.cfg";
            case GRANDSTREAM -> "/prov/grandstream/cfg" + m + ".xml";
            case CISCO -> "/prov/cisco/" + m + ".xml";
            case FANVIL -> "/prov/fanvil/" + m + ".cfg";
        };
    }

    @Test
    void everyVendorsFileIsServedToItsAuthenticatedDeviceAndParses() {
        String[] macs = {"000413100001", "00085D100001", "001565100001", "0004F2100001", "000B82100001", "00562B100001", "0C383E100001"};
        Vendor[] vendors = Vendor.values();
        for (int i = 0; i < vendors.length; i++) {
            Vendor v = vendors[i];
            String mac = ensure(v, macs[i]);
            Response r = given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD)
                    .header("X-Forwarded-For", "10.9.0." + (i + 1)).get(path(v, mac));
            r.then().statusCode(200).header("ETag", notNullValue()).header("Last-Modified", notNullValue());
            String body = new String(r.asByteArray(), StandardCharsets.UTF_8);
            assertThat(TemplateImporter.parseSettings(v, body)).extracting(io.telops.provisioning.render.Setting::value)
                    .as(v.name()).contains(GoldenFixtures.TRICKY_PASSWORD, "2002");
        }
    }

    @Test
    void refusalsAreUniformAndDoNotRevealWhetherTheMacExists() {
        String known = ensure(Vendor.YEALINK, "001565100002");
        Response noCreds = given().header("X-Forwarded-For", "10.9.1.1").get(path(Vendor.YEALINK, known));
        Response unknown = given().header("X-Forwarded-For", "10.9.1.1").get(path(Vendor.YEALINK, "001565FFFFFF"));
        Response wrong = given().auth().preemptive().basic(known.toLowerCase(), "not-the-password")
                .header("X-Forwarded-For", "10.9.1.2").get(path(Vendor.YEALINK, known));
        Response unknownWithCreds = given().auth().preemptive().basic("001565ffffff", TestData.PROV_PASSWORD)
                .header("X-Forwarded-For", "10.9.1.2").get(path(Vendor.YEALINK, "001565FFFFFF"));
        for (Response r : List.of(noCreds, unknown, wrong, unknownWithCreds)) {
            r.then().statusCode(401).body(equalTo("Unauthorized\n")).contentType(containsString("text/plain"));
            assertThat(r.headers().getValues("WWW-Authenticate")).hasSize(2)
                    .anySatisfy(h -> assertThat(h).startsWith("Digest realm=\"telops-provisioning\""))
                    .anySatisfy(h -> assertThat(h).startsWith("Basic realm=\"telops-provisioning\""));
            assertThat(r.headers().hasHeaderWithName("ETag")).isFalse();
        }
        // another device's credentials do not open this device's file
        String other = ensure(Vendor.YEALINK, "001565100003");
        given().auth().preemptive().basic(other.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.1.3")
                .get(path(Vendor.YEALINK, known)).then().statusCode(401);
    }

    @Test
    void malformedNamesAndTraversalAre404() {
        for (String p : List.of("/prov/yealink/00156510000.cfg", "/prov/yealink/001565100002.cfg.bak",
                "/prov/yealink/..%2f..%2fetc%2fpasswd", "/prov/yealink/%2e%2e/001565100002.cfg", "/prov/snom/0004131000zz.xml",
                "/prov/cisco/001565100002.cfg", "/prov/YEALINK/001565100002.cfg", "/prov/yealink/a/b/c",
                "/prov/grandstream/cfg000b82100001.bin", "/prov/yealink/000000000000.cfg")) {
            given().urlEncodingEnabled(false).get(p).then().statusCode(404);
        }
    }

    @Test
    void digestAuthenticationWorks() {
        String mac = ensure(Vendor.MITEL, "00085D100002");
        String uri = path(Vendor.MITEL, mac);
        Response challenge = given().header("X-Forwarded-For", "10.9.2.1").get(uri);
        String digest = challenge.headers().getValues("WWW-Authenticate").stream().filter(h -> h.startsWith("Digest")).findFirst().orElseThrow();
        String nonce = digest.replaceAll(".*nonce=\"([^\"]+)\".*", "$1");
        String user = mac.toLowerCase();
        String ha1 = DeviceAuthenticator.md5(user + ":telops-provisioning:" + TestData.PROV_PASSWORD);
        String ha2 = DeviceAuthenticator.md5("GET:" + uri);
        String response = DeviceAuthenticator.md5(ha1 + ":" + nonce + ":00000001:abcdef:auth:" + ha2);
        String header = "Digest username=\"" + user + "\", realm=\"telops-provisioning\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", qop=auth, nc=00000001, cnonce=\"abcdef\", response=\"" + response + "\", algorithm=MD5";
        given().header("Authorization", header).header("X-Forwarded-For", "10.9.2.1").get(uri)
                .then().statusCode(200).body(containsString("sip line1 user name: 2001"));
        String forged = header.replace(response, DeviceAuthenticator.md5("x"));
        given().header("Authorization", forged).header("X-Forwarded-For", "10.9.2.1").get(uri).then().statusCode(401);
        String otherNonce = header.replace(nonce, Long.toHexString(System.currentTimeMillis()) + ".AAAAAAAAAAAAAAAAAAAAAA");
        given().header("Authorization", otherNonce).header("X-Forwarded-For", "10.9.2.1").get(uri).then().statusCode(401);
    }

    @Test
    void userAgentMacMustMatchWhereTheVendorSendsIt() {
        String mac = ensure(Vendor.YEALINK, "001565100004");
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.3.1")
                .header("User-Agent", "Yealink SIP-T46S 66.86.0.15 00:15:65:10:00:04").get(path(Vendor.YEALINK, mac))
                .then().statusCode(200);
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.3.1")
                .header("User-Agent", "Yealink SIP-T46S 66.86.0.15 00:15:65:99:99:99").get(path(Vendor.YEALINK, mac))
                .then().statusCode(401);
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottledWithoutDelay() {
        String mac = ensure(Vendor.SNOM, "000413100003");
        String ip = "10.9.4.1";
        for (int i = 0; i < 10; i++) {
            given().auth().preemptive().basic(mac.toLowerCase(), "guess-" + i).header("X-Forwarded-For", ip)
                    .get(path(Vendor.SNOM, mac)).then().statusCode(401);
        }
        long start = System.nanoTime();
        // blocked: even the right password is refused, immediately
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", ip)
                .get(path(Vendor.SNOM, mac)).then().statusCode(401);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        // other addresses are not affected
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.4.2")
                .get(path(Vendor.SNOM, mac)).then().statusCode(200);
    }

    @Test
    void probingOtherMacsDoesNotRevealWhichExistThroughTheThrottle() {
        String own = ensure(Vendor.SNOM, "000413100006");
        String known = ensure(Vendor.SNOM, "000413100007");
        String unknown = "000413FFFF01";
        // an attacker holding one valid credential probes a MAC from its own address, then tries its own device
        for (String probed : List.of(known, unknown)) {
            String source = probed.equals(known) ? "10.9.10.1" : "10.9.10.2";
            for (int i = 0; i < 12; i++) {
                given().header("X-Forwarded-For", source).get(path(Vendor.SNOM, probed)).then().statusCode(401);
            }
            int status = given().auth().preemptive().basic(own.toLowerCase(), TestData.PROV_PASSWORD)
                    .header("X-Forwarded-For", source).get(path(Vendor.SNOM, own)).statusCode();
            assertThat(status).as("own device after probing %s", probed).isEqualTo(200);
        }
    }

    @Test
    void unknownAndKnownMacsAreCountedAlikeForWhatWasPresented() {
        String known = ensure(Vendor.SNOM, "000413100008");
        String unknown = "000413FFFF02";
        Instant now = Instant.now();
        for (String mac : List.of(known, unknown)) {
            String source = mac.equals(known) ? "10.9.13.1" : "10.9.13.2";
            Response none = given().header("X-Forwarded-For", source).get(path(Vendor.SNOM, mac));
            Response wrong = given().auth().preemptive().basic(mac.toLowerCase(), "not-the-password")
                    .header("X-Forwarded-For", source).get(path(Vendor.SNOM, mac));
            for (Response r : List.of(none, wrong)) {
                r.then().statusCode(401).body(equalTo("Unauthorized\n"));
            }
            // no credentials: the first step of a challenge, never counted; wrong ones: counted once, MAC known or not
            assertThat(throttle.failures(source, mac, now)).as(mac).isEqualTo(1);
        }
    }

    @Test
    void oneMisconfiguredPhoneBehindANatDoesNotLockOutItsNeighbours() {
        String broken = ensure(Vendor.YEALINK, "001565100010");
        String neighbour = ensure(Vendor.YEALINK, "001565100011");
        String nat = "10.9.11.1";
        for (int i = 0; i < 50; i++) {
            given().auth().preemptive().basic(broken.toLowerCase(), "stale-password").header("X-Forwarded-For", nat)
                    .get(path(Vendor.YEALINK, broken)).then().statusCode(401);
        }
        given().auth().preemptive().basic(neighbour.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", nat)
                .get(path(Vendor.YEALINK, neighbour)).then().statusCode(200);
        // the broken phone itself is blocked: even its right password is refused until the block ends
        given().auth().preemptive().basic(broken.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", nat)
                .get(path(Vendor.YEALINK, broken)).then().statusCode(401);
    }

    @Test
    void etagRoundTripAndInvalidationOnChange() {
        String mac = ensure(Vendor.GRANDSTREAM, "000B82100002");
        var auth = given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.5.1");
        Response first = auth.get(path(Vendor.GRANDSTREAM, mac));
        first.then().statusCode(200);
        String etag = first.header("ETag");
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.5.1")
                .header("If-None-Match", etag).get(path(Vendor.GRANDSTREAM, mac))
                .then().statusCode(304).header("ETag", etag);
        // a change of the device renders a new file with a new ETag
        Map<String, Object> changed = new java.util.HashMap<>(TestData.device(Vendor.GRANDSTREAM, mac));
        changed.remove("provPassword");
        changed.put("lines", List.of(Map.of("sipUser", "3001", "password", "new-pass", "registrar", "pbx.example.com")));
        TestData.admin().contentType(ContentType.JSON).body(changed).put("/api/devices/" + mac).then().statusCode(200);
        Response after = given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD)
                .header("X-Forwarded-For", "10.9.5.1").header("If-None-Match", etag).get(path(Vendor.GRANDSTREAM, mac));
        after.then().statusCode(200).body(containsString("<P35>3001</P35>"));
        assertThat(after.header("ETag")).isNotEqualTo(etag);
    }

    @Test
    void macLockHoldsUntilUnlocked() {
        String mac = "001565100005";
        if (TestData.admin().get("/api/devices/" + mac).statusCode() == 404) {
            Map<String, Object> d = new java.util.HashMap<>(TestData.device(Vendor.YEALINK, mac));
            d.put("macLock", true);
            TestData.admin().contentType(ContentType.JSON).body(d).post("/api/devices").then().statusCode(201);
        }
        var creds = given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD);
        creds.header("X-Forwarded-For", "10.9.6.1").get(path(Vendor.YEALINK, mac)).then().statusCode(200);
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.6.2")
                .get(path(Vendor.YEALINK, mac)).then().statusCode(401);
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.6.1")
                .get(path(Vendor.YEALINK, mac)).then().statusCode(200);
        TestData.admin().contentType(ContentType.JSON).post("/api/devices/" + mac + "/unlock").then().statusCode(200);
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.6.2")
                .get(path(Vendor.YEALINK, mac)).then().statusCode(200);
    }

    @Test
    void monsterUiAllowReprovisionUnlocksOnlyWithinTheDevicesOwnAccount() {
        TestData.admin().contentType(ContentType.JSON).body(Map.of("name", "Account A")).put("/api/sites/acct-a").then().statusCode(200);
        String mac = "001565100012";
        if (TestData.admin().get("/api/devices/" + mac).statusCode() == 404) {
            Map<String, Object> d = new java.util.HashMap<>(TestData.device(Vendor.YEALINK, mac));
            d.put("macLock", true);
            d.put("siteId", "acct-a");
            TestData.admin().contentType(ContentType.JSON).body(d).post("/api/devices").then().statusCode(201);
        }
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.12.1")
                .get(path(Vendor.YEALINK, mac)).then().statusCode(200);
        // another account's operator cannot unlock it, nor learn that it exists
        TestData.admin().delete("/locks/acct-b/" + mac).then().statusCode(404);
        TestData.admin().delete("/locks/acct-b/001565FFFF12").then().statusCode(404);
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.12.2")
                .get(path(Vendor.YEALINK, mac)).then().statusCode(401);
        TestData.admin().delete("/locks/acct-a/" + mac).then().statusCode(204);
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.12.2")
                .get(path(Vendor.YEALINK, mac)).then().statusCode(200);
    }

    @Test
    void siteCredentialsAndAllowedNetworks() {
        TestData.admin().contentType(ContentType.JSON)
                .body(Map.of("name", "Zurich", "provUsername", "zurich", "provPassword", "site-secret-9",
                        "allowedCidrs", List.of("10.20.0.0/16")))
                .put("/api/sites/zurich").then().statusCode(200).body("hasProvPassword", equalTo(true));
        String mac = "000413100004";
        if (TestData.admin().get("/api/devices/" + mac).statusCode() == 404) {
            Map<String, Object> d = new java.util.HashMap<>(TestData.device(Vendor.SNOM, mac));
            d.put("siteId", "zurich");
            TestData.admin().contentType(ContentType.JSON).body(d).post("/api/devices").then().statusCode(201);
        }
        given().auth().preemptive().basic("zurich", "site-secret-9").header("X-Forwarded-For", "10.20.1.1")
                .get(path(Vendor.SNOM, mac)).then().statusCode(200);
        given().auth().preemptive().basic("zurich", "site-secret-9").header("X-Forwarded-For", "10.21.1.1")
                .get(path(Vendor.SNOM, mac)).then().statusCode(401);
        // a dual-stack listener reports an IPv4 phone as IPv4-mapped IPv6: it is still inside the site's IPv4 range
        given().auth().preemptive().basic("zurich", "site-secret-9").header("X-Forwarded-For", "::ffff:10.20.1.2")
                .get(path(Vendor.SNOM, mac)).then().statusCode(200);
        // the site's credentials do not open a device of no site
        String elsewhere = ensure(Vendor.SNOM, "000413100005");
        given().auth().preemptive().basic("zurich", "site-secret-9").header("X-Forwarded-For", "10.20.1.1")
                .get(path(Vendor.SNOM, elsewhere)).then().statusCode(401);
    }

    @Test
    void polycomBootFilesAndBoundedUploads() {
        String mac = ensure(Vendor.POLYCOM, "0004F2100002");
        given().get("/prov/polycom/000000000000.cfg").then().statusCode(200)
                .body(containsString("CONFIG_FILES=\"[PHONE_MAC_ADDRESS]-telops.cfg\""));
        var creds = given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.7.1");
        creds.get("/prov/polycom/" + mac.toLowerCase() + ".cfg").then().statusCode(200)
                .body(containsString("CONFIG_FILES=\"" + mac.toLowerCase() + "-telops.cfg\""));
        byte[] log = new byte[300_000];
        java.util.Arrays.fill(log, (byte) 'x');
        log[log.length - 1] = 'E';
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.7.1")
                .body(log).put("/prov/polycom/" + mac.toLowerCase() + "-app.log").then().statusCode(204);
        given().body("x").put("/prov/polycom/" + mac.toLowerCase() + "-app.log").then().statusCode(401);
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.7.1")
                .body("x").put("/prov/polycom/" + mac.toLowerCase() + "-evil.sh").then().statusCode(404);
        TestData.admin().get("/api/devices/" + mac + "/uploads").then().statusCode(200)
                .body("[0].fileName", equalTo("app.log")).body("[0].size", equalTo(262_144));
    }

    @Test
    void mitelCommonFileTellsEveryPhoneWhereToFetchItsOwnFile() {
        for (String vendor : List.of("mitel", "aastra")) {
            String body = given().get("/prov/" + vendor + "/aastra.cfg").then().statusCode(200)
                    .contentType(containsString("text/plain")).extract().asString();
            // public-url is http://localhost:8083 in the tests
            assertThat(body).contains("download protocol: HTTP\n", "http server: localhost\n", "http port: 8083\n",
                    "http path: prov/mitel\n", "auto resync mode: 1\n").doesNotContain("password");
        }
    }

    @Test
    void fetchesAndRefusalsArePublishedAsEvents() {
        String mac = ensure(Vendor.YEALINK, "001565100006");
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.8.1")
                .header("User-Agent", "Yealink SIP-T46S 66.86.0.15 00:15:65:10:00:06").get(path(Vendor.YEALINK, mac)).then().statusCode(200);
        given().auth().preemptive().basic(mac.toLowerCase(), "wrong-one").header("X-Forwarded-For", "10.9.8.2")
                .get(path(Vendor.YEALINK, mac)).then().statusCode(401);
        var events = TestData.readEvents(seen -> seen.stream().filter(r -> mac.equals(r.key())).map(r -> TestData.header(r, "ce_type"))
                .toList().containsAll(List.of("io.telops.provisioning.device-created.v1", "io.telops.provisioning.config-fetched.v1",
                        "io.telops.provisioning.auth-failed.v1")), Duration.ofSeconds(30));
        var mine = events.stream().filter(r -> mac.equals(r.key())).toList();
        List<Integer> versions = TestData.admin().get("/api/templates/yealink/t4x/t46s/versions").then().statusCode(200)
                .extract().path("version");
        int latest = versions.stream().mapToInt(Integer::intValue).max().orElseThrow();
        var fetched = mine.stream().filter(r -> "io.telops.provisioning.config-fetched.v1".equals(TestData.header(r, "ce_type"))).findFirst().orElseThrow();
        assertThat(fetched.value()).contains("\"clientIp\":\"10.9.8.1\"", "\"templateId\":\"ui/yealink/t4x/t46s\"",
                "\"templateVersion\":" + latest, "\"status\":\"served\"", "00:15:65:10:00:06");
        assertThat(TestData.header(fetched, "ce_source")).isEqualTo("/provisioning-service");
        assertThat(TestData.header(fetched, "ce_specversion")).isEqualTo("1.0");
        var failed = mine.stream().filter(r -> "io.telops.provisioning.auth-failed.v1".equals(TestData.header(r, "ce_type"))).findFirst().orElseThrow();
        assertThat(failed.value()).contains("\"reason\":\"bad-credentials\"", "\"clientIp\":\"10.9.8.2\"").doesNotContain("wrong-one");
        // the device record shows the last fetch for the dashboard
        TestData.admin().get("/api/devices/" + mac).then().statusCode(200)
                .body("lastFetchIp", equalTo("10.9.8.1")).body("lastTemplateVersion", equalTo(latest));
    }

    @Test
    void phoneFetchesAreCountedByTheServiceButKeptOutOfHttpServerTimers() {
        String mac = ensure(Vendor.YEALINK, "001565100009");
        given().auth().preemptive().basic(mac.toLowerCase(), TestData.PROV_PASSWORD).header("X-Forwarded-For", "10.9.9.1")
                .get(path(Vendor.YEALINK, mac)).then().statusCode(200);
        TestData.admin().get("/api/devices/" + mac).then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("telops_provisioning_configs_served_total")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/api/devices/")
                .doesNotContainPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/prov");
    }
}
