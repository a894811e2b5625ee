package io.telops.provisioning.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.telops.provisioning.TestData;
import io.telops.provisioning.template.SecureXml;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * Issue #21 item 1: a simulated phone of each vendor (its User-Agent from the research notes, section 3.1) walks its
 * boot sequence against the running service, following what each file names the way the phone does, and gets
 * exactly the files its vendor documents, in order, with a 404 where the vendor falls through to its next file.
 * Devices are made from the default templates, so nothing but a line is configured.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "provisioning"))
class BootSequenceTest {
    private static final Pattern YEALINK_INCLUDE = Pattern.compile("include:config \"([^\"]+)\"");

    @Inject
    FailureThrottle throttle;

    @BeforeEach
    void setUp() {
        throttle.reset();
    }

    /** Creates the device (if needed) from a default template; returns its provisioning password. */
    private static String device(String brand, String family, String model, String mac) {
        if (TestData.admin().get("/api/devices/" + mac).statusCode() == 200) {
            TestData.admin().delete("/api/devices/" + mac).then().statusCode(204);
        }
        return TestData.admin().contentType(ContentType.JSON).body(Map.of("mac", mac, "brand", brand, "family", family,
                        "model", model, "lines", List.of(Map.of("sipUser", "4001", "password", "line-secret-4001",
                                "registrar", "pbx.example.com", "displayName", "Desk 4001"))))
                .post("/api/devices").then().statusCode(201).extract().path("generatedProvPassword");
    }

    private static Document xml(SimulatedPhone.Fetch f) {
        return SecureXml.parse(f.text());
    }

    /** Yealink parses key = value lines after the mandatory first line; include:config only in boot files. */
    private static void assertYealinkSyntax(String text, boolean boot) {
        String[] lines = text.split("\n");
        assertThat(lines[0]).isEqualTo("#!version:1.0.0.1");
        for (String l : Arrays.copyOfRange(lines, 1, lines.length)) {
            if (!l.startsWith("#")) {
                assertThat(l).matches(boot ? "include:config \"[^\"]+\"|[a-z_.0-9]+ = .*" : "[A-Za-z0-9_.\\-\\[\\]]+ = .*");
            }
        }
    }

    /** Mitel/Aastra: "name: value" lines, '#' comments. */
    private static void assertMitelSyntax(String text) {
        for (String l : text.split("\n")) {
            if (!l.isBlank() && !l.startsWith("#")) {
                assertThat(l).matches("[A-Za-z0-9][A-Za-z0-9 ._\\-]*: .*");
            }
        }
    }

    @Test
    void yealinkFetchesItsBootFileThenTheFilesItIncludes() {
        String mac = "001565600001";
        String pw = device("yealink", "t5x", "t54w", mac);
        SimulatedPhone phone = new SimulatedPhone("yealink", "Yealink SIP-T54W 96.86.0.100 00:15:65:60:00:01", mac.toLowerCase(), pw,
                "10.31.0.1");
        SimulatedPhone.Fetch boot = phone.get(mac.toLowerCase() + ".boot");
        assertYealinkSyntax(boot.text(), true);
        assertThat(boot.text()).contains("overwrite_mode = 1");
        Matcher m = YEALINK_INCLUDE.matcher(boot.text());
        List<SimulatedPhone.Fetch> included = new ArrayList<>();
        while (m.find()) {
            included.add(phone.get(m.group(1))); // top to bottom; later files override earlier ones
        }
        assertThat(phone.log()).containsExactly("GET 001565600001.boot 200", "GET y000000000000.cfg 200", "GET 001565600001.cfg 200");
        included.forEach(f -> assertYealinkSyntax(f.text(), false));
        assertThat(included.get(0).text()).contains("static.auto_provision.server.url = http").doesNotContain("password");
        assertThat(included.get(1).text()).contains("account.1.user_name = 4001", "account.1.password = line-secret-4001");

        // firmware without boot files: the common file by hardware id, then the MAC file; the generic boot file
        // is never needed (the MAC one always answers) and falls through
        SimulatedPhone old = new SimulatedPhone("yealink", "Yealink SIP-T46S 66.86.0.15 00:15:65:60:00:01", mac.toLowerCase(), pw,
                "10.31.0.1");
        old.get("y000000000000.boot");
        old.get("y000000000066.cfg");
        old.get(mac.toLowerCase() + ".cfg");
        assertThat(old.log()).containsExactly("GET y000000000000.boot 404", "GET y000000000066.cfg 200", "GET 001565600001.cfg 200");
    }

    @Test
    void polycomFetchesItsMasterFileTheFilesItListsAndUploadsWhatItChanged() {
        String mac = "0004F2600001";
        String m = mac.toLowerCase();
        String pw = device("polycom", "vvx", "vvx450", mac);
        SimulatedPhone phone = new SimulatedPhone("polycom",
                "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5156 (SN:0004f2600001) Type/Application", m, pw, "10.31.0.2");
        Element app = xml(phone.get(m + ".cfg")).getDocumentElement();
        assertThat(app.getTagName()).isEqualTo("APPLICATION");
        phone.get(app.getAttribute("APP_FILE_PATH")); // no firmware pinned: 404 keeps the running one
        List<SimulatedPhone.Fetch> configs = new ArrayList<>();
        for (String f : app.getAttribute("CONFIG_FILES").split(",\\s*")) {
            configs.add(phone.get(f.replace("[PHONE_MAC_ADDRESS]", m)));
        }
        phone.get(m + "-phone.cfg");  // its own overrides: none yet
        phone.get(m + "-web.cfg");
        phone.get(m + "-directory.xml");  // no personal directory, then no shared one: both fall through
        phone.get("000000000000-directory.xml");
        phone.put(m + "-boot.log", "0101 boot log\n");
        phone.put(m + "-app.log", "0101 application log\n");
        String overrides = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><PHONE_CONFIG><OVERRIDES up.backlight.idleIntensity=\"1\"/></PHONE_CONFIG>";
        phone.put(m + "-phone.cfg", overrides);
        assertThat(phone.log()).containsExactly("GET 0004f2600001.cfg 200", "GET sip.ld 404", "GET 0004f2600001-telops.cfg 200",
                "GET 0004f2600001-phone.cfg 404", "GET 0004f2600001-web.cfg 404", "GET 0004f2600001-directory.xml 404",
                "GET 000000000000-directory.xml 404", "PUT 0004f2600001-boot.log 204", "PUT 0004f2600001-app.log 204",
                "PUT 0004f2600001-phone.cfg 204");
        Element config = xml(configs.get(0)).getDocumentElement();
        assertThat(config.getTagName()).isEqualTo("polycomConfig");
        assertThat(configs.get(0).text()).contains("reg.1.address=\"4001\"", "reg.1.auth.password=\"line-secret-4001\"");

        // the uploads are stored and viewable; at the next boot the phone reads its overrides back
        TestData.admin().get("/api/devices/" + mac + "/uploads").then().statusCode(200)
                .body("fileName", org.hamcrest.Matchers.containsInAnyOrder("app.log", "boot.log", "phone.cfg"));
        assertThat(TestData.admin().get("/api/devices/" + mac + "/uploads/phone.cfg").then().statusCode(200).extract().asString())
                .isEqualTo(overrides);
        SimulatedPhone.Fetch back = phone.get(m + "-phone.cfg");
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.text()).isEqualTo(overrides);
    }

    @Test
    void grandstreamSkipsTheBinaryFileTakesItsXmlAndAnUnknownPhoneFallsThroughToTheGenericOnes() {
        String mac = "000B82600001";
        String m = mac.toLowerCase();
        String pw = device("grandstream", "gxp21xx", "gxp2170", mac);
        SimulatedPhone phone = new SimulatedPhone("grandstream", "Grandstream Model HW GXP2170 SW 1.0.11.3 DevId " + m, m, pw,
                "10.31.0.3");
        phone.get("cfg" + m);
        SimulatedPhone.Fetch own = phone.get("cfg" + m + ".xml"); // success: the phone stops here
        assertThat(phone.log()).containsExactly("GET cfg000b82600001 404", "GET cfg000b82600001.xml 200");
        Element root = xml(own).getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("gs_provision");
        // the <mac> header must equal the device's MAC (or be absent)
        assertThat(root.getElementsByTagName("mac").item(0).getTextContent()).isEqualTo(m);
        assertThat(own.text()).contains("<P35>4001</P35>", "<P34>line-secret-4001</P34>");

        // a phone the service does not know: the uniform 401, then the model file (success: it stops)
        String stranger = "000b82ffff01";
        SimulatedPhone unknown = new SimulatedPhone("grandstream", "Grandstream Model HW GXP2170 SW 1.0.11.3 DevId " + stranger,
                stranger, "whatever1", "10.31.0.4");
        unknown.get("cfg" + stranger);
        unknown.get("cfg" + stranger + ".xml");
        SimulatedPhone.Fetch model = unknown.get("cfggxp2170.xml");
        assertThat(unknown.log()).containsExactly("GET cfg000b82ffff01 404", "GET cfg000b82ffff01.xml 401", "GET cfggxp2170.xml 200");
        Element generic = xml(model).getDocumentElement();
        assertThat(generic.getElementsByTagName("mac").getLength()).as("a generic file names no MAC").isZero();
        assertThat(generic.getElementsByTagName("P237").item(0).getTextContent()).endsWith("/prov/grandstream");
        assertThat(model.text()).doesNotContain("P34", "P2>");
        assertThat(unknown.get("cfg.xml").status()).isEqualTo(200);
    }

    @Test
    void snomFetchesTheGeneralFileThenTheFileItNames() {
        String mac = "000413600001";
        String pw = device("snom", "d7xx", "d785", mac);
        SimulatedPhone phone = new SimulatedPhone("snom",
                "Mozilla/4.0 (compatible; snomD785-SIP 10.1.169.16 OpenSSL/1.1.1g " + mac + " SXM:0 UXM:0 UXMC:0)",
                mac.toLowerCase(), pw, "10.31.0.5");
        Document general = xml(phone.get("snomD785.htm"));
        Element file = (Element) general.getElementsByTagName("file").item(0);
        // the phone replaces {mac} with its own MAC and fetches the file
        String url = file.getAttribute("url").replace("{mac}", mac.toLowerCase(Locale.ROOT));
        SimulatedPhone.Fetch own = phone.get(url.substring(url.lastIndexOf('/') + 1));
        assertThat(phone.log()).containsExactly("GET snomD785.htm 200", "GET 000413600001.xml 200");
        assertThat(url).contains("/prov/snom/");
        // the second file it lists is the site's phonebook (a tbook), named by the phone's own MAC
        assertThat(((Element) general.getElementsByTagName("file").item(1)).getAttribute("url")).endsWith("/prov/snom/{mac}/phonebook.xml");
        Document settings = xml(own);
        assertThat(settings.getDocumentElement().getTagName()).isEqualTo("settings");
        Element user = (Element) settings.getElementsByTagName("user_name").item(0);
        assertThat(user.getAttribute("idx")).isEqualTo("1");
        assertThat(user.getTextContent()).isEqualTo("4001");
        // the legacy pair snom<model>-<MAC>.htm is the same file
        assertThat(phone.get("snomD785-" + mac + ".htm").text()).isEqualTo(own.text());
    }

    @Test
    void mitelFetchesTheCommonFileTheOptionalModelFileAndItsOwn() {
        String mac = "00085D600001";
        String pw = device("mitel", "68xx", "6867i", mac);
        SimulatedPhone phone = new SimulatedPhone("mitel", "Aastra6867i MAC:00-08-5D-60-00-01 V:5.1.0.2016-SIP", mac.toLowerCase(), pw,
                "10.31.0.6");
        SimulatedPhone.Fetch common = phone.get("aastra.cfg");
        phone.get("6867i.cfg");
        SimulatedPhone.Fetch own = phone.get(mac + ".cfg");
        assertThat(phone.log()).containsExactly("GET aastra.cfg 200", "GET 6867i.cfg 404", "GET 00085D600001.cfg 200");
        assertMitelSyntax(common.text());
        assertMitelSyntax(own.text());
        assertThat(own.text()).contains("sip line1 user name: 4001", "sip line1 password: line-secret-4001");

        // firmware 4.0 SP1 and later, and the 6900 series, call the common file startup.cfg; a 6900 phone then
        // reads the MN_ files of the native mode
        String mac69 = "00085D600002";
        String pw69 = device("mitel", "69xx", "6940", mac69);
        SimulatedPhone p69 = new SimulatedPhone("mitel", "Mitel6940 MAC:00-08-5D-60-00-02 V:6.0.0.1000-SIP", mac69.toLowerCase(), pw69,
                "10.31.0.7");
        SimulatedPhone.Fetch startup = p69.get("startup.cfg");
        p69.get("6940.cfg");
        SimulatedPhone.Fetch own69 = p69.get(mac69 + ".cfg");
        SimulatedPhone.Fetch mnGeneric = p69.get("MN_Generic.cfg");
        SimulatedPhone.Fetch mnOwn = p69.get("MN_" + mac69 + ".cfg");
        assertThat(p69.log()).containsExactly("GET startup.cfg 200", "GET 6940.cfg 404", "GET 00085D600002.cfg 200",
                "GET MN_Generic.cfg 200", "GET MN_00085D600002.cfg 200");
        assertThat(startup.text()).isEqualTo(common.text());
        assertThat(mnGeneric.text()).isEqualTo(common.text());
        assertThat(mnOwn.text()).isEqualTo(own69.text());
        assertMitelSyntax(mnOwn.text());
    }

    @Test
    void ciscoFetchesItsFlatProfileWhoseProfileRulePointsBackHere() {
        for (String[] c : List.of(
                new String[] {"spa", "spa504g", "001565600009", "Cisco/SPA504G-7.4.9c (001565600009)(CCQ162306EA)", "spa"},
                new String[] {"mpp", "cp8841", "00562B600001", "Cisco-CP-8841-3PCC/11.0 (00562b600001)", ""})) {
            String mac = c[2];
            String pw = device("cisco", c[0], c[1], mac);
            SimulatedPhone phone = new SimulatedPhone("cisco", c[3], mac.toLowerCase(), pw, "10.31.0.8");
            String file = c[4] + mac.toLowerCase() + ".xml";
            SimulatedPhone.Fetch profile = phone.get(file);
            Element root = xml(profile).getDocumentElement();
            assertThat(root.getTagName()).isEqualTo("flat-profile");
            String rule = root.getElementsByTagName("Profile_Rule").item(0).getTextContent();
            // the phone expands $MA to its lower-case MAC and resyncs from there: the same file
            String next = rule.replace("$MA", mac.toLowerCase());
            assertThat(next).endsWith("/prov/cisco/" + file);
            phone.get(next.substring(next.lastIndexOf('/') + 1));
            assertThat(phone.log()).containsExactly("GET " + file + " 200", "GET " + file + " 200");
            assertThat(root.getElementsByTagName("User_ID_1_").item(0).getTextContent()).isEqualTo("4001");
            assertThat(root.getElementsByTagName("Password_1_").item(0).getTextContent()).isEqualTo("line-secret-4001");
        }
    }

    @Test
    void fanvilFetchesItsCommonFileThenTheFileItNames() {
        String mac = "0C383E600001";
        String m = mac.toLowerCase(Locale.ROOT);
        String pw = device("fanvil", "x4u", "x4u", mac);
        SimulatedPhone phone = new SimulatedPhone("fanvil", "Fanvil X4U 2.10.2.6887 " + m, m, pw, "10.31.0.9");
        // the common file's name is the phone's own (model and hardware version): any such name gets the same file
        Document common = xml(phone.get("f0X4Uhw1.100.cfg"));
        assertThat(common.getDocumentElement().getTagName()).isEqualTo("sysConf");
        String server = common.getElementsByTagName("FlashServerIP").item(0).getTextContent();
        String file = common.getElementsByTagName("FlashFileName").item(0).getTextContent().replace("$mac", m);
        assertThat(server).endsWith("/prov/fanvil");
        assertThat(common.getElementsByTagName("line").getLength()).as("no account in a common file").isZero();
        SimulatedPhone.Fetch own = phone.get(file);
        assertThat(phone.log()).containsExactly("GET f0X4Uhw1.100.cfg 200", "GET 0c383e600001.cfg 200");
        Document config = xml(own);
        assertThat(config.getDocumentElement().getTagName()).isEqualTo("sysConf");
        Element line = (Element) config.getElementsByTagName("line").item(0);
        assertThat(line.getAttribute("index")).isEqualTo("1");
        assertThat(line.getElementsByTagName("PhoneNumber").item(0).getTextContent()).isEqualTo("4001");
        assertThat(line.getElementsByTagName("RegisterPswd").item(0).getTextContent()).isEqualTo("line-secret-4001");
        // no phonebook and no firmware for this device: their keys are left out, the phone keeps its own
        assertThat(config.getElementsByTagName("Addr").getLength()).isZero();
        assertThat(config.getElementsByTagName("UpgradeServer1").getLength()).isZero();

        // a stranger gets the common file (no secret in it) and then the uniform 401 for its own
        String stranger = "0c383effff01";
        SimulatedPhone unknown = new SimulatedPhone("fanvil", "Fanvil X4U 2.10.2.6887 " + stranger, stranger, "whatever1",
                "10.31.0.10");
        unknown.get("F0V00X600000.cfg");
        unknown.get(stranger + ".cfg");
        assertThat(unknown.log()).containsExactly("GET F0V00X600000.cfg 200", "GET 0c383effff01.cfg 401");
    }

    @Test
    void unknownAndUnauthorisedMacsGetTheUniformAnswerOnEveryNewFile() {
        String yealink = "001565600011";
        device("yealink", "t5x", "t54w", yealink);
        String polycom = "0004F2600011";
        device("polycom", "vvx", "vvx450", polycom);
        String mitel = "00085D600011";
        device("mitel", "69xx", "6940", mitel);
        String cisco = "00562B600011";
        device("cisco", "mpp", "cp8841", cisco);
        String fanvil = "0C383E600011";
        device("fanvil", "x4u", "x4u", fanvil);
        List<String[]> files = List.of(
                new String[] {"yealink", yealink.toLowerCase() + ".boot", "001565ffff11.boot"},
                new String[] {"polycom", polycom.toLowerCase() + "-phone.cfg", "0004f2ffff11-phone.cfg"},
                new String[] {"mitel", "MN_" + mitel + ".cfg", "MN_00085DFFFF11.cfg"},
                new String[] {"snom", "snomD785-000413600011.htm", "snomD785-000413FFFF11.htm"},
                new String[] {"cisco", cisco.toLowerCase() + ".xml", "00562bffff11.xml"},
                new String[] {"cisco", "spa" + cisco.toLowerCase() + ".xml", "spa00562bffff11.xml"},
                new String[] {"fanvil", fanvil.toLowerCase() + ".cfg", "0c383effff11.cfg"});
        int i = 0;
        for (String[] f : files) {
            i++;
            String knownMac = f[1].replaceAll(".*?([0-9A-Fa-f]{12}).*", "$1").toLowerCase();
            String unknownMac = f[2].replaceAll(".*?([0-9A-Fa-f]{12}).*", "$1").toLowerCase();
            SimulatedPhone wrong = new SimulatedPhone(f[0], "test", knownMac, "not-the-password", "10.32.0." + i);
            SimulatedPhone stranger = new SimulatedPhone(f[0], "test", unknownMac, "not-the-password", "10.32.1." + i);
            SimulatedPhone none = new SimulatedPhone(f[0], "test", knownMac, null, "10.32.2." + i);
            for (SimulatedPhone.Fetch r : List.of(wrong.get(f[1]), stranger.get(f[2]), none.get(f[1]))) {
                assertThat(r.status()).as(f[0] + " " + r.file()).isEqualTo(401);
                assertThat(r.text()).isEqualTo("Unauthorized\n");
            }
        }
    }
}
