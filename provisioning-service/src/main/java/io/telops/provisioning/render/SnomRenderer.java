package io.telops.provisioning.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Snom XML settings ({@code <settings><phone-settings>...<functionKeys>}). Function keys are
 * {@code <fkey idx="n">} and numbered from 0 on the phone; expansion-module keys continue after
 * the phone's keys from the template's module counter.
 */
public final class SnomRenderer extends VendorRenderer {
    static final SnomRenderer INSTANCE = new SnomRenderer();

    private SnomRenderer() {
    }

    @Override
    public Vendor vendor() {
        return Vendor.SNOM;
    }

    @Override
    protected List<Setting> keySettings(KeyView key, UsrKeys usr, DeviceView device) {
        int idx;
        if (key.module() == 0) {
            idx = keyNumber(key, usr);
        } else {
            idx = keyNumber(key, usr) + (key.module() - 1) * usr.moduleKeys();
        }
        String name = key.module() == 0 ? usr.phoneKeyValue() : usr.moduleKeyValue();
        String pickup = device.setting("BLF_PICKUP_PREFIX", "");
        String argument = switch (key.type()) {
            case PRESENCE -> "blf <sip:" + key.value() + "@" + realmOf(key, device) + ">" + (pickup.isEmpty() ? "" : "|" + pickup);
            case SPEED_DIAL -> "speed " + key.value();
            case PARKING -> "orbit " + key.value();
            case LINE -> "line";
        };
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("idx", Integer.toString(idx));
        attrs.put("context", "active");
        attrs.put("label", key.label());
        attrs.put("perm", "");
        return List.of(new Setting(name.isBlank() ? "fkey" : name, argument, attrs));
    }

    @Override
    protected RenderedFile write(DeviceView device, Map<Section, List<Setting>> expanded) {
        StringBuilder settings = new StringBuilder();
        StringBuilder keys = new StringBuilder();
        for (Section section : Section.values()) {
            for (Setting s : expanded.get(section)) {
                requireName(XML_NAME, s.name(), "Snom setting name");
                StringBuilder target = s.name().equals("fkey") ? keys : settings;
                target.append("    <").append(s.name());
                s.attributes().forEach((k, v) -> {
                    requireName(XML_NAME, k, "Snom attribute name");
                    target.append(' ').append(k).append("=\"").append(ConfigEscaping.xmlAttribute(v)).append('"');
                });
                target.append('>').append(ConfigEscaping.xmlText(s.value())).append("</").append(s.name()).append(">\n");
            }
        }
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings>\n");
        out.append("  <phone-settings e=\"2\">\n").append(settings).append("  </phone-settings>\n");
        if (!keys.isEmpty()) {
            out.append("  <functionKeys e=\"2\">\n").append(keys).append("  </functionKeys>\n");
        }
        out.append("</settings>\n");
        return RenderedFile.utf8(out.toString(), "application/xml; charset=utf-8");
    }
}
