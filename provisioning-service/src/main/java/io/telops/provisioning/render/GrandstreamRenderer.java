package io.telops.provisioning.render;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Grandstream {@code cfg<mac>.xml}: {@code <gs_provision version="1"><mac>..</mac><config version="1">}
 * with P-values. Accounts are not numbered by a placeholder but by P-value blocks: the template
 * holds account 1's P-values and each further line uses the same parameter in its own block
 * (e.g. SIP user ID P35, P404, P504, P604). Multi-purpose keys 1..7 are P323+k-1 (mode),
 * P301+3(k-1) (account), P302+3(k-1) (name), P303+3(k-1) (value); keys 8..18 continue at P353 in
 * blocks of four; expansion-module keys at P23000 in blocks of five. Key modes: 0 speed dial,
 * 1 BLF, 9 call park.
 */
public final class GrandstreamRenderer extends VendorRenderer {
    static final GrandstreamRenderer INSTANCE = new GrandstreamRenderer();
    private static final Pattern NAME = Pattern.compile("P[0-9]{1,5}");
    /** Account 1 P-value -> the same parameter for accounts 2, 3 and 4. */
    private static final Map<String, String[]> ACCOUNT_BLOCKS = Map.of(
            "P271", new String[] {"P401", "P501", "P601"},   // account active
            "P270", new String[] {"P417", "P517", "P617"},   // account name
            "P47", new String[] {"P402", "P502", "P602"},    // SIP server
            "P48", new String[] {"P403", "P503", "P603"},    // outbound proxy
            "P35", new String[] {"P404", "P504", "P604"},    // SIP user ID
            "P36", new String[] {"P405", "P505", "P605"},    // authenticate ID
            "P34", new String[] {"P406", "P506", "P606"},    // authenticate password
            "P3", new String[] {"P407", "P507", "P607"});    // display name

    private GrandstreamRenderer() {
    }

    @Override
    public Vendor vendor() {
        return Vendor.GRANDSTREAM;
    }

    /** Account 1's P-value for a parameter of line {@code position}, or the value itself for line 1. */
    @Override
    protected Setting accountSetting(Setting expanded, LineView line) {
        if (line.position() == 0) {
            return expanded;
        }
        String[] block = ACCOUNT_BLOCKS.get(expanded.name());
        if (block == null || line.position() > block.length) {
            throw new RenderException("Grandstream has no P-value for " + expanded.name() + " on line " + (line.position() + 1));
        }
        return expanded.withName(block[line.position() - 1]);
    }

    @Override
    protected List<Setting> keySettings(KeyView key, UsrKeys usr, DeviceView device) {
        String mode = switch (key.type()) {
            case SPEED_DIAL -> "0";
            case PRESENCE -> "1";
            case PARKING -> "9";
            case LINE -> "";
        };
        if (mode.isEmpty()) {
            return List.of();
        }
        String account = Integer.toString(key.line());
        if (key.module() > 0) {
            int i = keyNumber(key, usr) - usr.moduleKeyCounter() + (key.module() - 1) * usr.moduleKeys();
            int base = 23000 + 5 * i;
            return List.of(p(base, mode), p(base + 1, account), p(base + 2, key.label()), p(base + 3, key.value()));
        }
        int k = keyNumber(key, usr) - usr.phoneKeyCounter() + 1;
        if (k <= 7) {
            int b = 301 + 3 * (k - 1);
            return List.of(p(322 + k, mode), p(b, account), p(b + 1, key.label()), p(b + 2, key.value()));
        }
        if (k <= 18) {
            int b = 353 + 4 * (k - 8);
            return List.of(p(b, mode), p(b + 1, account), p(b + 2, key.label()), p(b + 3, key.value()));
        }
        throw new RenderException("Grandstream multi-purpose keys stop at 18, key " + k + " requested");
    }

    private static Setting p(int number, String value) {
        return Setting.of("P" + number, value);
    }

    @Override
    protected RenderedFile write(DeviceView device, Map<Section, List<Setting>> expanded) {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gs_provision version=\"1\">\n");
        out.append("  <mac>").append(device.mac().toLowerCase(Locale.ROOT)).append("</mac>\n");
        out.append("  <config version=\"1\">\n");
        for (Section section : Section.values()) {
            for (Setting s : expanded.get(section)) {
                requireName(NAME, s.name(), "Grandstream P-value");
                out.append("    <").append(s.name()).append('>').append(ConfigEscaping.xmlText(s.value()))
                        .append("</").append(s.name()).append(">\n");
            }
        }
        out.append("  </config>\n</gs_provision>\n");
        return RenderedFile.utf8(out.toString(), "application/xml; charset=utf-8");
    }
}
