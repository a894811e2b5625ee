package io.telops.provisioning.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

import io.telops.provisioning.template.SecureXml;

/**
 * The boot-sequence files this service writes, read the way each phone reads them and compared with a fixture made
 * after that vendor's published sample or guide ({@code src/test/resources/boot/}, sources in each file's header):
 * the same structure, the same parameter names, nothing a phone would reject.
 */
class BootFileFixturesTest {
    private static final URI PUBLIC = URI.create("https://prov.example.net");
    private static final Pattern INCLUDE = Pattern.compile("include:config \"([^\"]+)\"");

    private static String fixture(String name) {
        try (InputStream in = BootFileFixturesTest.class.getResourceAsStream("/boot/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Yealink: header first, '#' comments, include:config lines in order, key = value. Returns (kind, name) lines. */
    private static List<String> yealinkLines(String text) {
        String[] lines = text.split("\n");
        assertThat(lines[0]).isEqualTo("#!version:1.0.0.1");
        List<String> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("#") || l.isBlank()) {
                continue;
            }
            Matcher m = INCLUDE.matcher(l);
            if (m.matches()) {
                out.add("include " + (m.group(1).matches("y0000000000\\d\\d\\.cfg") ? "common" : m.group(1).matches("[0-9a-f]{12}\\.cfg") ? "mac" : m.group(1)));
            } else {
                assertThat(l).matches("[a-z_.0-9]+ = .*");
                out.add("set " + l.substring(0, l.indexOf(" = ")));
            }
        }
        return out;
    }

    @Test
    void yealinkBootFileHasTheGuidesShape() {
        assertThat(yealinkLines(CommonFiles.yealinkBoot("001565AABBCC").text()))
                .isEqualTo(yealinkLines(fixture("yealink-y000000000000.boot")))
                .containsExactly("include common", "include mac", "set overwrite_mode");
        assertThat(yealinkLines(CommonFiles.yealinkCommon(PUBLIC).text())).containsExactly("set static.auto_provision.server.url");
    }

    private static Set<String> attributeNames(Element e) {
        Set<String> names = new TreeSet<>();
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            names.add(attrs.item(i).getNodeName());
        }
        return names;
    }

    @Test
    void polycomMasterFileHasEveryAttributeOfTheSample() {
        Element sample = SecureXml.parse(fixture("polycom-000000000000.cfg")).getDocumentElement();
        for (Optional<String> mac : List.of(Optional.<String>empty(), Optional.of("0004F2AABBCC"))) {
            Element ours = SecureXml.parse(PolycomRenderer.bootFile(mac, "sip.ld").text()).getDocumentElement();
            assertThat(ours.getTagName()).isEqualTo(sample.getTagName());
            assertThat(attributeNames(ours)).containsAll(attributeNames(sample));
            // CONFIG_FILES: a comma-separated list the phone fetches in order; [PHONE_MAC_ADDRESS] is its own
            assertThat(ours.getAttribute("CONFIG_FILES")).matches("(\\[PHONE_MAC_ADDRESS]|0004f2aabbcc)-telops\\.cfg");
        }
    }

    @Test
    void grandstreamGenericFileIsTheGuidesGenericXml() {
        Document sample = SecureXml.parse(fixture("grandstream-cfg.xml"));
        Document ours = SecureXml.parse(CommonFiles.grandstreamGeneric(PUBLIC).text());
        assertThat(ours.getDocumentElement().getTagName()).isEqualTo("gs_provision");
        assertThat(ours.getDocumentElement().getAttribute("version")).isEqualTo("1");
        assertThat(((Element) ours.getElementsByTagName("config").item(0)).getAttribute("version")).isEqualTo("1");
        assertThat(ours.getElementsByTagName("mac").getLength()).isZero();
        for (String p : List.of("P212", "P237")) {
            assertThat(ours.getElementsByTagName(p).item(0).getTextContent()).as(p)
                    .isEqualTo(sample.getElementsByTagName(p).item(0).getTextContent());
        }
        assertThat(CommonFiles.grandstreamGeneric(URI.create("http://10.0.0.5:8083")).text())
                .contains("<P212>1</P212>", "<P237>10.0.0.5:8083/prov/grandstream</P237>");
    }

    @Test
    void snomGeneralFileListsThePhonesOwnFileAsTheSampleDoes() {
        Document sample = SecureXml.parse(fixture("snom-general.xml"));
        Document ours = SecureXml.parse(CommonFiles.snomGeneral(PUBLIC).text());
        assertThat(ours.getDocumentElement().getTagName()).isEqualTo("settings");
        for (String tag : List.of("setting_server", "file")) {
            Element s = (Element) sample.getElementsByTagName(tag).item(0);
            Element o = (Element) ours.getElementsByTagName(tag).item(0);
            assertThat(attributeNames(o)).as(tag).isEqualTo(attributeNames(s));
            assertThat(o.getTextContent() + o.getAttribute("url")).as(tag).isEqualTo(s.getTextContent() + s.getAttribute("url"));
        }
    }

    @Test
    void fanvilCommonFileSetsTheSamplesAutoProvisionParameters() {
        Document sample = SecureXml.parse(fixture("fanvil-common.cfg"));
        Document ours = SecureXml.parse(FanvilRenderer.commonFile(PUBLIC).text());
        assertThat(ours.getDocumentElement().getTagName()).isEqualTo("sysConf");
        assertThat(FanvilRenderer.settingsOf(ours.getDocumentElement()))
                .isEqualTo(FanvilRenderer.settingsOf(sample.getDocumentElement()));
        assertThat(ours.getElementsByTagName("Version").item(0).getTextContent())
                .isEqualTo(sample.getElementsByTagName("Version").item(0).getTextContent());
        // plain HTTP is protocol 4
        assertThat(FanvilRenderer.commonFile(URI.create("http://10.0.0.5:8083")).text())
                .contains("<FlashServerIP>http://10.0.0.5:8083/prov/fanvil</FlashServerIP>", "<FlashProtocol>4</FlashProtocol>");
    }

    @Test
    void mitelCommonFileSetsTheGuidesProvisioningParameters() {
        java.util.Map<String, String> sample = new java.util.LinkedHashMap<>();
        for (String l : fixture("mitel-aastra.cfg").split("\n")) {
            if (!l.startsWith("#") && !l.isBlank()) {
                sample.put(l.substring(0, l.indexOf(": ")), l.substring(l.indexOf(": ") + 2));
            }
        }
        java.util.Map<String, String> ours = new java.util.LinkedHashMap<>();
        for (String l : MitelRenderer.commonFile(PUBLIC).text().split("\n")) {
            if (!l.startsWith("#") && !l.isBlank()) {
                assertThat(l).matches("[a-z0-9 ]+: .+");
                ours.put(l.substring(0, l.indexOf(": ")), l.substring(l.indexOf(": ") + 2));
            }
        }
        assertThat(ours).containsAllEntriesOf(sample);
    }
}
