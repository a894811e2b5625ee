package io.telops.provisioning.render;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Mitel/Aastra 67xx/68xx {@code <MAC>.cfg}: {@code name: value} lines, {@code #} comments.
 * Lines are {@code sip lineN} from 1; programmable keys {@code prgkeyN} from 1 and module keys
 * {@code expmodM keyN}.
 */
public final class MitelRenderer extends VendorRenderer {
    static final MitelRenderer INSTANCE = new MitelRenderer();
    /** Letters, digits, spaces, dots, dashes, underscores; no ':' (separator) and no '#' (comment). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9 ._\\-]*[A-Za-z0-9._\\-])?");

    private MitelRenderer() {
    }

    @Override
    public Vendor vendor() {
        return Vendor.MITEL;
    }

    @Override
    protected List<Setting> keySettings(KeyView key, UsrKeys usr, DeviceView device) {
        int n = keyNumber(key, usr);
        String prefix = key.module() == 0
                ? keyPrefix(usr.phoneKeyValue(), "prgkey", 0, n, "")
                : keyPrefix(usr.moduleKeyValue().contains("{KEY}") ? usr.moduleKeyValue() : "expmod{MODULE} key{KEY}",
                        "expmod{MODULE} key{KEY}", key.module(), n, "");
        String type = switch (key.type()) {
            case PRESENCE -> "blf";
            case SPEED_DIAL -> "speeddial";
            case PARKING -> "park";
            case LINE -> "line";
        };
        String line = Integer.toString(key.line() + 1);
        if (key.type() == KeyType.LINE) {
            return List.of(Setting.of(prefix + " type", type), Setting.of(prefix + " label", key.label()),
                    Setting.of(prefix + " line", line));
        }
        return List.of(Setting.of(prefix + " type", type), Setting.of(prefix + " label", key.label()),
                Setting.of(prefix + " value", key.value()), Setting.of(prefix + " line", line));
    }

    @Override
    protected RenderedFile write(DeviceView device, Map<Section, List<Setting>> expanded) {
        return RenderedFile.utf8(PlainRenderer.lines(expanded, NAME, ": ", "Mitel setting name"), "text/plain; charset=utf-8");
    }
}
