package io.telops.provisioning.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.telops.provisioning.TestData;
import io.telops.provisioning.template.SecureXml;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Issue #21 item 2 end to end: a device of a site with contacts has {PHONEBOOK_URL} in its effective settings and in
 * its vendor's phonebook key of the rendered config (default templates); the URL resolves, authenticated like the
 * config, to the site's contacts in that vendor's format; an unknown or unauthorised MAC gets the uniform 401.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class PhonebookServingTest {
    private static final String HOSTILE_LAST = "<O'Brien & \"Sons\">";
    private static final String NON_ASCII_FIRST = "Zoë 山田";

    @Inject
    FailureThrottle throttle;

    @BeforeEach
    void setUp() {
        throttle.reset();
    }

    private static String siteWithContacts() {
        String id = "pbs-" + UUID.randomUUID().toString().substring(0, 8);
        TestData.admin().contentType(ContentType.JSON).body(Map.of("name", "Site " + id)).put("/api/sites/" + id).then().statusCode(200);
        TestData.admin().contentType("text/csv; charset=UTF-8").body("first_name,last_name,number\n\"" + NON_ASCII_FIRST + "\",\""
                        + HOSTILE_LAST.replace("\"", "\"\"") + "\",2001\nFront,Desk,100\n")
                .post("/api/sites/" + id + "/phonebook/import").then().statusCode(200);
        return id;
    }

    /** Creates the device from a default template in the site; returns its provisioning password. */
    private static String device(String site, String brand, String family, String model, String mac) {
        if (TestData.admin().get("/api/devices/" + mac).statusCode() == 200) {
            TestData.admin().delete("/api/devices/" + mac).then().statusCode(204);
        }
        Map<String, Object> body = new java.util.HashMap<>(Map.of("mac", mac, "brand", brand, "family", family, "model", model,
                "lines", List.of(Map.of("sipUser", "4001", "password", "line-secret-4001", "registrar", "pbx.example.com",
                        "displayName", "Desk 4001"))));
        if (site != null) {
            body.put("siteId", site);
        }
        return TestData.admin().contentType(ContentType.JSON).body(body).post("/api/devices").then().statusCode(201)
                .extract().path("generatedProvPassword");
    }

    /** The request path a phonebook URL names (the service's public URL is not the test port). */
    private static String path(String url) {
        String noScheme = url.replaceFirst("^https?://", "");
        return noScheme.substring(noScheme.indexOf('/'));
    }

    private static List<String> leafTexts(Document doc) {
        List<String> out = new ArrayList<>();
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            if (((org.w3c.dom.Element) all.item(i)).getElementsByTagName("*").getLength() == 0) {
                out.add(all.item(i).getTextContent());
            }
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
            "yealink, t5x, t54w, 001565700001, {m}.cfg, YealinkIPPhoneDirectory, Yealink SIP-T54W 96.86.0.100 {m}",
            "grandstream, gxp21xx, gxp2170, 000B82700001, cfg{m}.xml, AddressBook, Grandstream Model HW GXP2170 SW 1.0.11.3 DevId {m}",
            "cisco, mpp, cp8841, 00562B700001, {m}.xml, CiscoIPPhoneDirectory, Cisco-CP-8841-3PCC/11.0 ({m})",
            "fanvil, x4u, x4u, 0C383E700001, {m}.cfg, FanvilIPPhoneDirectory, Fanvil X4U 2.10.2.6887 {m}"})
    void theConfigNamesAPhonebookUrlThatServesTheSitesContacts(String brand, String family, String model, String mac, String configFile,
                                                              String root, String userAgent) {
        String m = mac.toLowerCase(Locale.ROOT);
        String pw = device(siteWithContacts(), brand, family, model, mac);
        String url = TestData.admin().get("/api/devices/" + mac + "/effective-settings").then().statusCode(200)
                .extract().path("PHONEBOOK_URL.value");
        assertThat(url).contains("/prov/" + brand + "/" + m);

        SimulatedPhone phone = new SimulatedPhone(brand, userAgent.replace("{m}", m), m, pw, "10.41.0.1");
        String config = phone.get(configFile.replace("{m}", m)).text();
        assertThat(config).as("the vendor's phonebook key carries the URL").contains(url);
        String file = path(url) + (brand.equals("grandstream") ? "/phonebook.xml" : "");
        if (brand.equals("grandstream")) {
            assertThat(config).contains("<P330>1</P330>"); // HTTP: the test's public URL is http
        }

        Response r = RestAssured.given().urlEncodingEnabled(false).header("User-Agent", userAgent.replace("{m}", m))
                .header("X-Forwarded-For", "10.41.0.1").auth().preemptive().basic(m, pw).get(file);
        r.then().statusCode(200).header("ETag", org.hamcrest.Matchers.notNullValue());
        Document doc = SecureXml.parse(new String(r.asByteArray(), java.nio.charset.StandardCharsets.UTF_8));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo(root);
        List<String> texts = leafTexts(doc);
        assertThat(texts).contains("2001", "100");
        assertThat(String.join("|", texts)).contains(NON_ASCII_FIRST).contains(HOSTILE_LAST);

        // unchanged contacts: the phone's ETag gets a 304
        RestAssured.given().header("X-Forwarded-For", "10.41.0.1").header("If-None-Match", r.header("ETag")).auth().preemptive()
                .basic(m, pw).get(file).then().statusCode(304);
    }

    @Test
    void snomGetsItsTbookAndPolycomItsDirectoryFile() {
        String site = siteWithContacts();
        String snom = "000413700001";
        String snomPw = device(site, "snom", "d7xx", "d785", snom);
        String url = TestData.admin().get("/api/devices/" + snom + "/effective-settings").then().extract().path("PHONEBOOK_URL.value");
        Response tbook = RestAssured.given().header("X-Forwarded-For", "10.41.1.1").auth().preemptive()
                .basic(snom.toLowerCase(Locale.ROOT), snomPw).get(path(url));
        tbook.then().statusCode(200);
        Document t = SecureXml.parse(tbook.asString());
        assertThat(t.getDocumentElement().getTagName()).isEqualTo("tbook");
        assertThat(leafTexts(t)).contains(NON_ASCII_FIRST + " " + HOSTILE_LAST, "2001");

        String polycom = "0004F2700001";
        String p = polycom.toLowerCase(Locale.ROOT);
        String polyPw = device(site, "polycom", "vvx", "vvx450", polycom);
        SimulatedPhone phone = new SimulatedPhone("polycom",
                "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5156 (SN:" + p + ") Type/Application", p, polyPw, "10.41.1.2");
        SimulatedPhone.Fetch dir = phone.get(p + "-directory.xml");
        phone.get("000000000000-directory.xml"); // names no phone: it cannot carry an account's contacts
        assertThat(phone.log()).containsExactly("GET 0004f2700001-directory.xml 200", "GET 000000000000-directory.xml 404");
        Document d = SecureXml.parse(dir.text());
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("directory");
        assertThat(d.getElementsByTagName("ln").item(0).getTextContent()).isEqualTo(HOSTILE_LAST);
        assertThat(d.getElementsByTagName("fn").item(0).getTextContent()).isEqualTo(NON_ASCII_FIRST);
    }

    @Test
    void aDeviceWithoutContactsGetsNoPhonebookKey() {
        String mac = "001565700009";
        String pw = device(null, "yealink", "t5x", "t54w", mac);
        TestData.admin().get("/api/devices/" + mac + "/effective-settings").then().statusCode(200)
                .body("PHONEBOOK_URL.value", org.hamcrest.Matchers.equalTo(""));
        SimulatedPhone phone = new SimulatedPhone("yealink", "Yealink SIP-T46S 66.86.0.15 " + mac.toLowerCase(Locale.ROOT),
                mac.toLowerCase(Locale.ROOT), pw, "10.41.2.1");
        assertThat(phone.get(mac.toLowerCase(Locale.ROOT) + ".cfg").text()).doesNotContain("remote_phonebook.data.1.url");
    }

    @Test
    void aSnomInASiteWithoutContactsGets404NotAnEmptyTbookThatWouldWipeItsOwnList() {
        String mac = "000413700009";
        String pw = device(null, "snom", "d7xx", "d785", mac);
        RestAssured.given().header("X-Forwarded-For", "10.41.2.2").auth().preemptive()
                .basic(mac.toLowerCase(Locale.ROOT), pw).get("/prov/snom/" + mac.toLowerCase(Locale.ROOT) + "/phonebook.xml")
                .then().statusCode(404);
    }

    @Test
    void theUrlAppearsWithTheSitesFirstContactAndGoesWithItsLast() {
        String site = "pbt-" + UUID.randomUUID().toString().substring(0, 8);
        TestData.admin().contentType(ContentType.JSON).body(Map.of("name", "Site " + site)).put("/api/sites/" + site).then().statusCode(200);
        String mac = "001565700003";
        String m = mac.toLowerCase(Locale.ROOT);
        String pw = device(site, "yealink", "t5x", "t54w", mac);
        SimulatedPhone phone = new SimulatedPhone("yealink", "Yealink SIP-T46S 66.86.0.15 " + m, m, pw, "10.41.4.1");
        assertThat(phone.get(m + ".cfg").text()).doesNotContain("remote_phonebook.data.1.url");

        long id = ((Number) TestData.admin().contentType(ContentType.JSON).body(Map.of("lastName", "Reception", "number", "100"))
                .post("/api/sites/" + site + "/phonebook").then().statusCode(201).extract().path("id")).longValue();
        assertThat(phone.get(m + ".cfg").text()).contains("remote_phonebook.data.1.url = http", "/prov/yealink/" + m + "/phonebook.xml");

        TestData.admin().delete("/api/sites/" + site + "/phonebook/" + id).then().statusCode(204);
        assertThat(phone.get(m + ".cfg").text()).doesNotContain("remote_phonebook.data.1.url");
    }

    @Test
    void unknownAndUnauthorisedMacsGetTheUniformAnswer() {
        String known = "001565700002";
        String k = known.toLowerCase(Locale.ROOT);
        String pw = device(siteWithContacts(), "yealink", "t5x", "t54w", known);
        String unknown = "001565ffff02";
        List<Response> refused = List.of(
                RestAssured.given().header("X-Forwarded-For", "10.41.3.1").auth().preemptive().basic(unknown, pw)
                        .get("/prov/yealink/" + unknown + "/phonebook.xml"),
                RestAssured.given().header("X-Forwarded-For", "10.41.3.2").auth().preemptive().basic(k, "not-the-password")
                        .get("/prov/yealink/" + k + "/phonebook.xml"),
                RestAssured.given().header("X-Forwarded-For", "10.41.3.3").get("/prov/yealink/" + k + "/phonebook.xml"),
                RestAssured.given().header("X-Forwarded-For", "10.41.3.4").auth().preemptive().basic(unknown, pw)
                        .get("/prov/polycom/" + unknown + "-directory.xml"));
        for (Response r : refused) {
            r.then().statusCode(401);
            assertThat(r.asString()).isEqualTo("Unauthorized\n");
        }
        // malformed names are not files, for any MAC: 404 from the name alone
        RestAssured.given().get("/prov/yealink/00156570000/phonebook.xml").then().statusCode(404);
        RestAssured.given().get("/prov/mitel/" + k + "/phonebook.xml").then().statusCode(404);
        RestAssured.given().get("/prov/YEALINK/" + k + "/phonebook.xml").then().statusCode(404);
        // the device's own credentials open it
        RestAssured.given().header("X-Forwarded-For", "10.41.3.5").auth().preemptive().basic(k, pw)
                .get("/prov/yealink/" + k + "/phonebook.xml").then().statusCode(200);
    }
}
