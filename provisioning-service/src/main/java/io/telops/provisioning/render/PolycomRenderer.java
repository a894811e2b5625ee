package io.telops.provisioning.render;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Polycom UC software files. The boot file ({@code 000000000000.cfg} or {@code <mac>.cfg}) is an
 * {@code <APPLICATION>} element naming the firmware and the per-phone file; the per-phone file is
 * {@code <polycomConfig>} with parameters as attributes ({@code reg.1.address="..."}), one element
 * per template section. Registrations {@code reg.N} and attendant keys
 * {@code attendant.resourceList.N} count from 1. Polycom has no speed-dial or line function for
 * these keys, so such keys are not written.
 */
public final class PolycomRenderer extends VendorRenderer {
    static final PolycomRenderer INSTANCE = new PolycomRenderer();
    /** The per-phone file the boot file points at; the phone replaces [PHONE_MAC_ADDRESS] itself. */
    public static final String PHONE_FILE_SUFFIX = "-telops.cfg";

    private PolycomRenderer() {
    }

    @Override
    public Vendor vendor() {
        return Vendor.POLYCOM;
    }

    @Override
    protected List<Setting> keySettings(KeyView key, UsrKeys usr, DeviceView device) {
        String type;
        if (key.type() == KeyType.PRESENCE) {
            type = "normal";
        } else if (key.type() == KeyType.PARKING) {
            type = "automata";
        } else {
            return List.of();
        }
        int n = keyNumber(key, usr) + (key.module() == 0 ? 0 : usr.phoneKeys() + (key.module() - 1) * usr.moduleKeys());
        String prefix = "attendant.resourceList." + n;
        return List.of(Setting.of(prefix + ".address", key.value() + "@" + realmOf(key, device)),
                Setting.of(prefix + ".label", key.label()),
                Setting.of(prefix + ".type", type));
    }

    @Override
    protected RenderedFile write(DeviceView device, Map<Section, List<Setting>> expanded) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<polycomConfig>\n");
        for (Section section : Section.values()) {
            List<Setting> settings = expanded.get(section);
            if (settings.isEmpty()) {
                continue;
            }
            out.append("  <").append(section.shortName());
            for (Setting s : settings) {
                requireName(XML_NAME, s.name(), "Polycom parameter name");
                out.append("\n    ").append(s.name()).append("=\"").append(ConfigEscaping.xmlAttribute(s.value())).append('"');
            }
            out.append("/>\n");
        }
        out.append("</polycomConfig>\n");
        return RenderedFile.utf8(out.toString(), "application/xml; charset=utf-8");
    }

    /**
     * The boot file: {@code 000000000000.cfg} when {@code mac} is empty (the phone substitutes its own
     * MAC), else {@code <mac>.cfg}. It names no secret, only the firmware and the per-phone file.
     */
    public static RenderedFile bootFile(Optional<String> mac, String appFilePath) {
        String configFile = mac.map(m -> m.toLowerCase(Locale.ROOT)).orElse("[PHONE_MAC_ADDRESS]") + PHONE_FILE_SUFFIX;
        String body = "<?xml version=\"1.0\" standalone=\"yes\"?>\n"
                + "<APPLICATION APP_FILE_PATH=\"" + ConfigEscaping.xmlAttribute(appFilePath) + "\""
                + " CONFIG_FILES=\"" + configFile + "\""
                + " MISC_FILES=\"\" LOG_FILE_DIRECTORY=\"\" OVERRIDES_DIRECTORY=\"\" CONTACTS_DIRECTORY=\"\""
                + " LICENSE_DIRECTORY=\"\" USER_PROFILES_DIRECTORY=\"\" CALL_LISTS_DIRECTORY=\"\"/>\n";
        return RenderedFile.utf8(body, "application/xml; charset=utf-8");
    }
}
