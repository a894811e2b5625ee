package io.telops.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import io.telops.provisioning.template.SecureXml;
import io.telops.provisioning.template.TemplateImporter;

/**
 * Golden files: a device and a template render byte for byte to the committed expected file, and the
 * file parses in the vendor's syntax. Regenerate after a reviewed change with -Dgolden.update=true.
 */
class VendorGoldenFilesTest {
    private static final Pattern MITEL_LINE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._\\-]*: [^\\r\\n]*");
    private static final Pattern YEALINK_LINE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-\\[\\]]* = [^\\r\\n]*");

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void rendersByteForByteToTheGoldenFile(Vendor vendor) throws IOException {
        RenderedFile file = vendor.renderer().render(GoldenFixtures.template(vendor), GoldenFixtures.device(vendor));
        String path = GoldenFixtures.expectedFile(vendor);
        if (Boolean.getBoolean("golden.update")) {
            Path target = Path.of("src/test/resources/golden", path);
            Files.write(target, file.body());
        }
        byte[] expected = GoldenFixtures.resourceBytes(path);
        assertThat(expected).as("golden file %s", path).isNotNull();
        assertThat(new String(file.body(), StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(Arrays.equals(file.body(), expected)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void renderedFileParsesInTheVendorFormat(Vendor vendor) {
        RenderedFile file = vendor.renderer().render(GoldenFixtures.template(vendor), GoldenFixtures.device(vendor));
        String text = file.text();
        switch (vendor) {
            case SNOM, POLYCOM, GRANDSTREAM -> {
                Document doc = SecureXml.parse(text);
                assertThat(doc.getDocumentElement().getTagName())
                        .isEqualTo(vendor == Vendor.SNOM ? "settings" : vendor == Vendor.POLYCOM ? "polycomConfig" : "gs_provision");
            }
            case CISCO -> {
                // a flat profile: one leaf element per parameter directly under <flat-profile>
                Document doc = SecureXml.parse(text);
                assertThat(doc.getDocumentElement().getTagName()).isEqualTo("flat-profile");
                var children = doc.getDocumentElement().getChildNodes();
                for (int i = 0; i < children.getLength(); i++) {
                    if (children.item(i) instanceof org.w3c.dom.Element e) {
                        assertThat(e.getElementsByTagName("*").getLength()).as(e.getTagName()).isZero();
                    }
                }
            }
            case FANVIL -> {
                // nested sysConf: the format version first, then sections; no element repeats under one parent
                Document doc = SecureXml.parse(text);
                assertThat(doc.getDocumentElement().getTagName()).isEqualTo("sysConf");
                org.w3c.dom.Element first = (org.w3c.dom.Element) doc.getElementsByTagName("*").item(1);
                assertThat(first.getTagName() + "=" + first.getTextContent()).isEqualTo("Version=2.0000000000");
                assertThat(doc.getElementsByTagName("line").getLength()).isEqualTo(2);
            }
            case MITEL -> assertThat(text.split("\n", -1)).allSatisfy(l -> {
                if (!l.isEmpty()) {
                    assertThat(l).matches(MITEL_LINE);
                }
            });
            case YEALINK -> {
                String[] lines = text.split("\n", -1);
                assertThat(lines[0]).isEqualTo("#!version:1.0.0.1");
                assertThat(text.indexOf("#!version")).isEqualTo(text.lastIndexOf("#!version"));
                for (int i = 1; i < lines.length; i++) {
                    if (!lines[i].isEmpty()) {
                        assertThat(lines[i]).matches(YEALINK_LINE);
                    }
                }
            }
        }
        assertThat(text).endsWith("\n").doesNotContain("\r");
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void secretsAndNamesSurviveTheFormatUnchanged(Vendor vendor) {
        RenderedFile file = vendor.renderer().render(GoldenFixtures.template(vendor), GoldenFixtures.device(vendor));
        List<io.telops.provisioning.render.Setting> parsed = TemplateImporter.parseSettings(vendor, file.text());
        assertThat(parsed).extracting(io.telops.provisioning.render.Setting::value).contains(GoldenFixtures.TRICKY_PASSWORD);
        // the injection attempt stays inside one value: no setting of a line 9 appears
        assertThat(parsed).extracting(io.telops.provisioning.render.Setting::name)
                .noneMatch(n -> n.contains("line9") || n.startsWith("account.9"));
        if (vendor == Vendor.SNOM || vendor == Vendor.POLYCOM || vendor == Vendor.GRANDSTREAM || vendor == Vendor.CISCO
                || vendor == Vendor.FANVIL) {
            // XML escaping is reversible: the parser gives back the exact display name
            assertThat(parsed).extracting(io.telops.provisioning.render.Setting::value).contains("Anna <Müller> & Co");
        }
    }

    @Test
    void eachVendorNumbersLinesAndKeysItsOwnWay() {
        String snom = render(Vendor.SNOM);
        assertThat(snom).contains("<user_name idx=\"1\" perm=\"\">2001</user_name>")
                .contains("<user_name idx=\"2\" perm=\"\">2002</user_name>")
                .contains("<fkey idx=\"0\" context=\"active\" label=\"Bob\" perm=\"\">blf &lt;sip:2010@pbx.example.com&gt;|*8</fkey>")
                .contains("<fkey idx=\"5\" context=\"active\" label=\"Carol\"");
        String mitel = render(Vendor.MITEL);
        assertThat(mitel).contains("sip line1 user name: 2001\n", "sip line2 auth name: auth2002\n",
                "prgkey1 type: blf\n", "prgkey2 type: speeddial\n", "expmod1 key1 value: 2011\n", "expmod1 key1 line: 2\n");
        String yealink = render(Vendor.YEALINK);
        assertThat(yealink).contains("account.1.user_name = 2001\n", "linekey.1.type = 16\n", "linekey.2.type = 13\n",
                "linekey.3.type = 10\n", "expansion_module.1.key.1.value = 2011\n", "linekey.1.pickup_value = *82010\n");
        String polycom = render(Vendor.POLYCOM);
        assertThat(polycom).contains("reg.2.address=\"2002\"", "attendant.resourceList.1.address=\"2010@pbx.example.com\"",
                "attendant.resourceList.3.type=\"automata\"", "attendant.resourceList.13.address=\"2011@pbx.example.com\"");
        String gs = render(Vendor.GRANDSTREAM);
        assertThat(gs).contains("<P35>2001</P35>", "<P404>2002</P404>", "<P405>auth2002</P405>", "<P323>1</P323>",
                "<P303>2010</P303>", "<P324>0</P324>", "<P325>9</P325>", "<P23000>1</P23000>", "<P23001>1</P23001>",
                "<mac>000b828aa872</mac>");
        String cisco = render(Vendor.CISCO);
        assertThat(cisco).contains("<User_ID_1_>2001</User_ID_1_>", "<Auth_ID_2_>auth2002</Auth_ID_2_>",
                "<Extended_Function_1_>fnc=blf+sd+cp;sub=2010@pbx.example.com;nme=Bob</Extended_Function_1_>",
                "<Extended_Function_2_>fnc=sd;ext=+41441234567@$PROXY;nme=Office</Extended_Function_2_>",
                "<Extended_Function_3_>fnc=prk;sub=701@pbx.example.com;nme=Park 1</Extended_Function_3_>",
                "<Unit_1_Key_1_>fnc=blf+sd+cp;sub=2011@pbx.example.com;nme=Carol</Unit_1_Key_1_>",
                "<Profile_Rule>https://prov.example.net/prov/cisco/spa$MA.xml</Profile_Rule>");
    }

    @Test
    void polycomBootFilesNameTheFirmwareAndThePerPhoneFile() {
        String generic = PolycomRenderer.bootFile(Optional.empty(), "sip.ld").text();
        assertThat(generic).contains("APP_FILE_PATH=\"sip.ld\"").contains("CONFIG_FILES=\"[PHONE_MAC_ADDRESS]-telops.cfg\"");
        SecureXml.parse(generic);
        String specific = PolycomRenderer.bootFile(Optional.of("0004F2AABBCC"), "https://fw/a&b.ld").text();
        Element app = SecureXml.parse(specific).getDocumentElement();
        assertThat(app.getAttribute("CONFIG_FILES")).isEqualTo("0004f2aabbcc-telops.cfg");
        assertThat(app.getAttribute("APP_FILE_PATH")).isEqualTo("https://fw/a&b.ld");
    }

    @Test
    void invalidNamesAfterRenderingAreRefused() {
        TemplateDocument t = GoldenFixtures.template(Vendor.MITEL);
        DeviceView d = GoldenFixtures.device(Vendor.MITEL);
        DeviceView evil = new DeviceView(d.mac(), d.lines(), d.keys(),
                java.util.Map.of("PROV_HOST", "h", "FIRMWARE_URL", "f", "NTP_SERVER", "n", "TIMEZONE", "t",
                        "ADMIN_PASSWORD", "a", "TONE_SCHEME", "s"));
        assertThat(MitelRenderer.INSTANCE.render(t, evil).text()).contains("tone set: s\n");
        TemplateDocument injected = new TemplateDocument("mitel", "67xx", "x",
                java.util.Map.of(Section.ACCOUNT, List.of(Setting.of("sip line{ACCOUNT}: password", "{SIPSECRET}"))),
                UsrKeys.none(), 1);
        assertThatThrownBy(() -> MitelRenderer.INSTANCE.render(injected, d)).isInstanceOf(RenderException.class);
        TemplateDocument badXml = new TemplateDocument("snom", "7xx", "x",
                java.util.Map.of(Section.ACCOUNT, List.of(Setting.of("user name", "{SIPSECRET}"))), UsrKeys.none(), 1);
        assertThatThrownBy(() -> SnomRenderer.INSTANCE.render(badXml, d)).isInstanceOf(RenderException.class);
    }

    @Test
    void keysBeyondTheModelAreRefused() {
        TemplateDocument t = GoldenFixtures.template(Vendor.YEALINK);
        DeviceView d = GoldenFixtures.device(Vendor.YEALINK);
        DeviceView tooMany = new DeviceView(d.mac(), d.lines(),
                List.of(new KeyView(0, 27, KeyType.PRESENCE, "1", "x", 0)), d.settings());
        assertThatThrownBy(() -> YealinkRenderer.INSTANCE.render(t, tooMany)).isInstanceOf(RenderException.class);
    }

    private static String render(Vendor v) {
        return v.renderer().render(GoldenFixtures.template(v), GoldenFixtures.device(v)).text();
    }

    @SuppressWarnings("unused")
    private static int count(NodeList l) {
        return l.getLength();
    }
}
