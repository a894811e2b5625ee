package io.telops.provisioning.render;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Cisco SPA and MPP (3PCC) {@code <flat-profile>}: one element per parameter, named as in the phone's
 * web UI with spaces and punctuation replaced by {@code _} ({@code Proxy_1_}, {@code User_ID_1_}), the
 * line number between underscores; the optional {@code ua} attribute (na/ro/rw) is the user's access.
 * {@code Profile_Rule} in the template points back to this service, with {@code $MA} left for the
 * phone to expand. Keys are {@code Extended_Function_N_} (phone) and {@code Unit_M_Key_N_} (key
 * expansion modules), {@code fnc=blf+sd+cp;sub=...} for BLF as in Cisco's and the OpenTelecom samples.
 */
public final class CiscoRenderer extends VendorRenderer {
    static final CiscoRenderer INSTANCE = new CiscoRenderer();
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Pattern ATTRIBUTE = Pattern.compile("ua|group");

    private CiscoRenderer() {
    }

    @Override
    public Vendor vendor() {
        return Vendor.CISCO;
    }

    @Override
    protected List<Setting> keySettings(KeyView key, UsrKeys usr, DeviceView device) {
        String function = switch (key.type()) {
            case PRESENCE -> "fnc=blf+sd+cp;sub=" + key.value() + "@" + realmOf(key, device);
            case SPEED_DIAL -> "fnc=sd;ext=" + key.value() + "@$PROXY";
            case PARKING -> "fnc=prk;sub=" + key.value() + "@" + realmOf(key, device);
            case LINE -> null;
        };
        if (function == null) {
            return List.of();
        }
        int n = keyNumber(key, usr);
        String name = key.module() == 0
                ? keyPrefix(usr.phoneKeyValue(), "Extended_Function_{KEY}_", 0, n, "")
                : keyPrefix(usr.moduleKeyValue(), "Unit_{MODULE}_Key_{KEY}_", key.module(), n, "");
        // ';' separates the function's fields, so a label cannot carry one
        return List.of(Setting.of(name, function + ";nme=" + key.label().replace(";", ",")));
    }

    @Override
    protected RenderedFile write(DeviceView device, Map<Section, List<Setting>> expanded) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<flat-profile>\n");
        for (Section section : Section.values()) {
            for (Setting s : expanded.get(section)) {
                requireName(NAME, s.name(), "Cisco parameter name");
                out.append("  <").append(s.name());
                s.attributes().forEach((k, v) -> {
                    if (ATTRIBUTE.matcher(k).matches()) {
                        out.append(' ').append(k).append("=\"").append(ConfigEscaping.xmlAttribute(v)).append('"');
                    }
                });
                out.append('>').append(ConfigEscaping.xmlText(s.value())).append("</").append(s.name()).append(">\n");
            }
        }
        out.append("</flat-profile>\n");
        return RenderedFile.utf8(out.toString(), "application/xml; charset=utf-8");
    }
}
