package io.telops.provisioning.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.telops.provisioning.render.DeviceView;
import io.telops.provisioning.render.GoldenFixtures;
import io.telops.provisioning.render.LineView;
import io.telops.provisioning.render.Section;
import io.telops.provisioning.render.Setting;
import io.telops.provisioning.render.TemplateDocument;
import io.telops.provisioning.render.Vendor;

/** A config exported from a working phone becomes a five-section template and renders back to itself. */
class TemplateImportTest {
    private static String exportOf(Vendor v) {
        return GoldenFixtures.resource(v.brand() + "/export." + (v == Vendor.SNOM || v == Vendor.GRANDSTREAM || v == Vendor.CISCO ? "xml" : "cfg"));
    }

    private static String displayName(Vendor v) {
        return v == Vendor.SNOM || v == Vendor.POLYCOM ? "Anna Müller" : "Anna Muller";
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void splitsIntoSectionsWithAccountPlaceholders(Vendor vendor) {
        TemplateImporter.Result r = TemplateImporter.importConfig(vendor, vendor.brand(), "fam", "model", exportOf(vendor), Optional.empty());
        TemplateDocument t = r.template();
        List<Setting> account = t.section(Section.ACCOUNT);
        assertThat(account).extracting(Setting::value).contains("{SIPUSERNAME}", "{SIPSECRET}", "{REGISTRAR_SERVER}", "{DISPLAY_NAME}");
        assertThat(account).extracting(Setting::value).doesNotContain("pa$$w0rd", "2002");
        if (vendor != Vendor.GRANDSTREAM) {
            // line-numbered vendors: the number became {ACCOUNT}
            assertThat(account).allSatisfy(s -> assertThat(s.name() + s.attributes()).contains("{ACCOUNT}"));
        }
        assertThat(t.section(Section.BASE)).isNotEmpty();
        if (vendor != Vendor.GRANDSTREAM) {
            assertThat(t.section(Section.TONE)).isNotEmpty();
        }
        assertThat(t.section(Section.BEHAVIOR)).isNotEmpty();
        assertThat(t.section(Section.KEYS)).isNotEmpty();
        assertThat(r.droppedSettings()).isNotEmpty(); // line 2 left out
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void renderingTheImportForTheSameDeviceReproducesTheOriginalValues(Vendor vendor) {
        String export = exportOf(vendor);
        TemplateImporter.Result r = TemplateImporter.importConfig(vendor, vendor.brand(), "fam", "model", export, Optional.empty());
        DeviceView device = new DeviceView(GoldenFixtures.MACS.get(vendor),
                List.of(new LineView(0, "2001", "2001", "pa$$w0rd", "pbx.example.com", 5060, displayName(vendor), "2001")),
                List.of(), Map.of());
        String rendered = vendor.renderer().render(r.template(), device).text();

        Map<String, String> original = byKey(TemplateImporter.parseSettings(vendor, export));
        r.droppedSettings().forEach(original::remove);
        Map<String, String> back = byKey(TemplateImporter.parseSettings(vendor, rendered));
        assertThat(back).containsExactlyInAnyOrderEntriesOf(original);
    }

    @Test
    void refusesAnExportWithoutLineOneAndMalformedInput() {
        assertThatThrownBy(() -> TemplateImporter.importConfig(Vendor.YEALINK, "yealink", "t4x", "t46s",
                "#!version:1.0.0.1\nlang.gui = English\n", Optional.empty()))
                .hasMessageContaining("line 1");
        assertThatThrownBy(() -> TemplateImporter.importConfig(Vendor.MITEL, "mitel", "67xx", "6867i",
                "just some words\n", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TemplateImporter.importConfig(Vendor.SNOM, "snom", "7xx", "715",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><settings><a>&e;</a></settings>",
                Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XML");
        assertThatThrownBy(() -> TemplateImporter.importConfig(Vendor.MITEL, "mitel", "67xx", "6867i",
                "sip line1 user name: {SIPUSERNAME}\n", Optional.empty()))
                .hasMessageContaining("PLACEHOLDER");
    }

    private static Map<String, String> byKey(List<Setting> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Setting s : settings) {
            String key = s.name() + (s.attributes().containsKey("idx") ? "[" + s.attributes().get("idx") + "]" : "");
            out.put(key, s.value());
        }
        return out;
    }
}
