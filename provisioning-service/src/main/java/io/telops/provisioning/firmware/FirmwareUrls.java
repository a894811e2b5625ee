package io.telops.provisioning.firmware;

import java.net.URI;

import io.telops.provisioning.render.Vendor;

/**
 * The firmware URL in the form each vendor's firmware key expects, all under {@code /prov/firmware/{sha256}/}:
 * <ul>
 * <li>Yealink {@code static.firmware.url}, Polycom {@code APP_FILE_PATH}, Cisco {@code Upgrade_Rule}: the image itself;</li>
 * <li>Mitel/Aastra {@code firmware server}: a directory, the phone asks for its own {@code <model>.st} in it;</li>
 * <li>Grandstream {@code P192}: a directory without scheme (P6767 says HTTP or HTTPS), the phone adds its own name;</li>
 * <li>Snom {@code firmware_status}: a firmware settings document ({@code <firmware-settings>}) naming the image.</li>
 * </ul>
 * Any file name under an image's SHA-256 serves that image, which is what lets the directory forms work.
 */
public final class FirmwareUrls {
    /** The Snom firmware settings document's name under an image's directory. */
    public static final String SNOM_SETTINGS = "firmware-settings.xml";
    public static final String PREFIX = "/prov/firmware/";

    private FirmwareUrls() {
    }

    /** The image's own URL. */
    public static String image(URI publicUrl, String sha256, String fileName) {
        return directory(publicUrl, sha256) + "/" + fileName;
    }

    /** What {FIRMWARE_URL} becomes for this vendor. */
    public static String forVendor(Vendor vendor, URI publicUrl, String sha256, String fileName) {
        return switch (vendor) {
            case MITEL -> directory(publicUrl, sha256);
            case GRANDSTREAM -> publicUrl.getRawAuthority() + stripSlash(publicUrl.getRawPath()) + PREFIX + sha256;
            case SNOM -> directory(publicUrl, sha256) + "/" + SNOM_SETTINGS;
            default -> image(publicUrl, sha256, fileName);
        };
    }

    /** Snom's firmware settings document (service.snom.com "Firmware Configuration File"). */
    public static String snomSettings(String imageUrl) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<firmware-settings>\n  <firmware perm=\"\">"
                + xmlText(imageUrl) + "</firmware>\n</firmware-settings>\n";
    }

    private static String directory(URI publicUrl, String sha256) {
        return stripSlash(publicUrl.toString()) + PREFIX + sha256;
    }

    private static String stripSlash(String s) {
        return s == null ? "" : s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
