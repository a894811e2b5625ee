package io.telops.provisioning.render;

import java.net.URI;
import java.util.Locale;

/**
 * The boot-sequence files that are not a device's rendered template: the same for every phone of a
 * vendor (no secrets, served without authentication) or, for Yealink's {@code <mac>.boot}, a list of
 * file names only. Each points the phone back at this service's {@code public-url}.
 */
public final class CommonFiles {
    private CommonFiles() {
    }

    /** The service's base URL without a trailing slash, checked to be a plain http(s) URL. */
    static String base(URI publicUrl) {
        String scheme = publicUrl.getScheme() == null ? "" : publicUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || publicUrl.getHost() == null) {
            throw new RenderException("public-url must be an http(s) URL with a host: " + publicUrl);
        }
        String s = publicUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Yealink {@code <mac>.boot}: the header, then the files to fetch in order (later ones override
     * earlier ones), and {@code overwrite_mode = 1} so that a setting removed from the template is reset
     * on the phone rather than kept (Yealink admin guide, "Boot Files"). Relative names resolve against
     * the provisioning URL the boot file came from.
     */
    public static RenderedFile yealinkBoot(String mac) {
        String body = "#!version:1.0.0.1\n"
                + "## boot file from telops provisioning: the common file, then this phone's own\n"
                + "include:config \"" + YEALINK_COMMON + "\"\n"
                + "include:config \"" + mac.toLowerCase(Locale.ROOT) + ".cfg\"\n"
                + "overwrite_mode = 1\n";
        return RenderedFile.utf8(body, "text/plain; charset=utf-8");
    }

    /** The common file the boot file names; old firmware asks for {@code y0000000000XX.cfg} by hardware id instead. */
    public static final String YEALINK_COMMON = "y000000000000.cfg";

    /** Yealink's common configuration: where to provision from. No account, no secret. */
    public static RenderedFile yealinkCommon(URI publicUrl) {
        String body = "#!version:1.0.0.1\n"
                + "## common file from telops provisioning, the same for every Yealink phone\n"
                + "static.auto_provision.server.url = " + ConfigEscaping.plainValue(base(publicUrl)) + "/prov/yealink/\n";
        return RenderedFile.utf8(body, "text/plain; charset=utf-8");
    }

    /**
     * Snom's general file {@code snom<model>.htm}: sets {@code setting_server} to this phone's own file (the
     * phone substitutes {@code {mac}}) and lists that file in {@code <setting-files>}, which the phone fetches next.
     */
    public static RenderedFile snomGeneral(URI publicUrl) {
        String own = ConfigEscaping.xmlText(base(publicUrl) + "/prov/snom/{mac}.xml");
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<settings>\n"
                + "  <phone-settings e=\"2\">\n"
                + "    <setting_server perm=\"R\">" + own + "</setting_server>\n"
                + "  </phone-settings>\n"
                + "  <setting-files>\n"
                + "    <file url=\"" + ConfigEscaping.xmlAttribute(base(publicUrl) + "/prov/snom/{mac}.xml") + "\"/>\n"
                // the site's phonebook as a tbook: Snom loads a <tbook> from any file listed here (a phone whose site
                // has no contacts gets a 404 for it and keeps its own directory)
                + "    <file url=\"" + ConfigEscaping.xmlAttribute(base(publicUrl) + "/prov/snom/{mac}/phonebook.xml") + "\"/>\n"
                + "  </setting-files>\n"
                + "</settings>\n";
        return RenderedFile.utf8(body, "application/xml; charset=utf-8");
    }

    /**
     * Grandstream {@code cfg<model>.xml} and {@code cfg.xml}, asked for only when {@code cfg<mac>.xml} failed: no
     * {@code <mac>} header (a generic file must not name one), only the config server (P237, host and path) and
     * how to reach it (P212: 1 HTTP, 2 HTTPS), so a phone that got the generic file keeps coming back here.
     */
    public static RenderedFile grandstreamGeneric(URI publicUrl) {
        String base = base(publicUrl);
        String p212 = base.startsWith("https:") ? "2" : "1";
        String hostAndPath = base.replaceFirst("^https?://", "") + "/prov/grandstream";
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gs_provision version=\"1\">\n  <config version=\"1\">\n"
                + "    <P212>" + p212 + "</P212>\n"
                + "    <P237>" + ConfigEscaping.xmlText(hostAndPath) + "</P237>\n"
                + "  </config>\n</gs_provision>\n";
        return RenderedFile.utf8(body, "application/xml; charset=utf-8");
    }
}
