package io.telops.provisioning.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Yealink {@code <mac>.cfg}: the {@code #!version:1.0.0.1} header exactly once as the first line,
 * then {@code key = value}. Accounts {@code account.N.} from 1, {@code linekey.N.} from 1,
 * {@code expansion_module.M.key.N.} from 1; key types 16 BLF, 13 speed dial, 10 park, 15 line.
 * Output is deterministic because the phone skips a file whose MD5 did not change.
 */
public final class YealinkRenderer extends VendorRenderer {
    static final YealinkRenderer INSTANCE = new YealinkRenderer();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.\\-\\[\\]]*");

    private YealinkRenderer() {
    }

    @Override
    public Vendor vendor() {
        return Vendor.YEALINK;
    }

    @Override
    protected List<Setting> keySettings(KeyView key, UsrKeys usr, DeviceView device) {
        int n = keyNumber(key, usr);
        String prefix = key.module() == 0
                ? keyPrefix(usr.phoneKeyValue(), "linekey", 0, n, ".")
                : keyPrefix(usr.moduleKeyValue().contains("{KEY}") ? usr.moduleKeyValue() : "expansion_module.{MODULE}.key.{KEY}",
                        "expansion_module.{MODULE}.key.{KEY}", key.module(), n, ".");
        String type = switch (key.type()) {
            case PRESENCE -> "16";
            case SPEED_DIAL -> "13";
            case PARKING -> "10";
            case LINE -> "15";
        };
        List<Setting> out = new ArrayList<>();
        out.add(Setting.of(prefix + ".type", type));
        out.add(Setting.of(prefix + ".line", Integer.toString(key.line() + 1)));
        out.add(Setting.of(prefix + ".value", key.type() == KeyType.LINE ? "" : key.value()));
        out.add(Setting.of(prefix + ".label", key.label()));
        String pickup = device.setting("BLF_PICKUP_PREFIX", "");
        if (key.type() == KeyType.PRESENCE && !pickup.isEmpty()) {
            out.add(Setting.of(prefix + ".pickup_value", pickup + key.value()));
        }
        return out;
    }

    @Override
    protected RenderedFile write(DeviceView device, Map<Section, List<Setting>> expanded) {
        String body = "#!version:1.0.0.1\n" + PlainRenderer.lines(expanded, NAME, " = ", "Yealink setting name");
        return RenderedFile.utf8(body, "text/plain; charset=utf-8");
    }
}
