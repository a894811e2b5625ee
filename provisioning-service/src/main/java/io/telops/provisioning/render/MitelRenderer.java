package io.telops.provisioning.render;

import java.net.URI;
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
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");
    private static final Pattern PATH = Pattern.compile("[A-Za-z0-9._~\\-/]{1,200}");
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

    /**
     * {@code aastra.cfg}: the file every Mitel/Aastra phone fetches before its own {@code <MAC>.cfg}, without
     * credentials, so it holds no secret. It names this server as the configuration server (the phone keeps what
     * it last read) and turns on the nightly check for changed files. Parameter names and values are those of
     * the Mitel "6700i and 6800i Series SIP IP Phones Administrator Guide" (41-001343-02, appendix A:
     * download protocol, http(s) server/path/port, auto resync mode/time/max delay).
     */
    public static RenderedFile commonFile(URI publicUrl) {
        String scheme = "https".equalsIgnoreCase(publicUrl.getScheme()) ? "https" : "http";
        String host = publicUrl.getHost();
        if (host == null || !HOST.matcher(host).matches()) {
            throw new RenderException("public-url has no usable host: " + publicUrl);
        }
        int port = publicUrl.getPort() > 0 ? publicUrl.getPort() : scheme.equals("https") ? 443 : 80;
        String base = publicUrl.getPath() == null ? "" : publicUrl.getPath().replaceAll("^/+|/+$", "");
        String path = (base.isEmpty() ? "" : base + "/") + "prov/mitel";
        if (!PATH.matcher(path).matches()) {
            throw new RenderException("public-url has a path a Mitel phone cannot use: " + publicUrl);
        }
        String text = "# aastra.cfg from telops provisioning: common to every Mitel/Aastra phone, no secrets.\n"
                + "# Lines and keys are in <MAC>.cfg, which the phone fetches next with its own credentials.\n"
                + "download protocol: " + scheme.toUpperCase(java.util.Locale.ROOT) + "\n"
                + scheme + " server: " + host + "\n"
                + scheme + " port: " + port + "\n"
                + scheme + " path: " + path + "\n"
                + "# 1 = check the configuration files (not the firmware) each night and apply them if they changed\n"
                + "auto resync mode: 1\n"
                + "auto resync time: 02:00\n"
                + "# spread the phones' checks over up to 15 minutes after that time\n"
                + "auto resync max delay: 15\n";
        return RenderedFile.utf8(text, "text/plain; charset=utf-8");
    }

    @Override
    protected RenderedFile write(DeviceView device, Map<Section, List<Setting>> expanded) {
        return RenderedFile.utf8(PlainRenderer.lines(expanded, NAME, ": ", "Mitel setting name"), "text/plain; charset=utf-8");
    }
}
