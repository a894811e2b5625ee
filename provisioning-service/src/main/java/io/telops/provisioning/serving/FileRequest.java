package io.telops.provisioning.serving;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telops.provisioning.render.Vendor;

/**
 * A file name a phone asked for, recognised strictly per vendor. Only these shapes exist; anything
 * else (other names, traversal, malformed MACs) is not a file. File names are never turned into paths.
 */
public record FileRequest(Vendor vendor, Kind kind, Optional<String> mac, String fileName) {

    /** What is served for a file name. */
    public enum Kind {
        /** The per-phone config rendered from the template (secrets inside: authenticated). */
        DEVICE_CONFIG,
        /** Polycom {@code <mac>.cfg}: boot file naming the per-phone file (authenticated, no secrets). */
        POLYCOM_BOOT,
        /** Polycom {@code 000000000000.cfg} and Mitel {@code aastra.cfg}: generic, no secrets, no device. */
        GENERIC,
        /** Polycom uploads ({@code <mac>-phone.cfg}, logs...): PUT only, authenticated, stored bounded. */
        UPLOAD
    }

    private static final Pattern HEX12 = Pattern.compile("[0-9A-Fa-f]{12}");
    private static final Pattern SNOM = Pattern.compile("([0-9A-Fa-f]{12})\\.xml");
    private static final Pattern CFG = Pattern.compile("([0-9A-Fa-f]{12})\\.cfg");
    private static final Pattern POLYCOM_PHONE = Pattern.compile("([0-9A-Fa-f]{12})-telops\\.cfg");
    private static final Pattern POLYCOM_UPLOAD = Pattern.compile(
            "([0-9A-Fa-f]{12})-(phone\\.cfg|web\\.cfg|app\\.log|boot\\.log|directory\\.xml|calls\\.xml)");
    private static final Pattern GRANDSTREAM = Pattern.compile("cfg([0-9A-Fa-f]{12})\\.xml");

    public static Optional<FileRequest> parse(String vendorSegment, String file, boolean put) {
        if (vendorSegment == null || file == null || file.length() > 64) {
            return Optional.empty();
        }
        Optional<Vendor> vendor = Vendor.forBrand(vendorSegment);
        if (vendor.isEmpty() || !vendorSegment.equals(vendorSegment.toLowerCase(Locale.ROOT))) {
            return Optional.empty();
        }
        Vendor v = vendor.get();
        if (put) {
            return v == Vendor.POLYCOM ? match(POLYCOM_UPLOAD, file, v, Kind.UPLOAD) : Optional.empty();
        }
        return switch (v) {
            case SNOM -> match(SNOM, file, v, Kind.DEVICE_CONFIG);
            case YEALINK -> zero(file) ? Optional.empty() : match(CFG, file, v, Kind.DEVICE_CONFIG);
            case GRANDSTREAM -> match(GRANDSTREAM, file, v, Kind.DEVICE_CONFIG);
            case MITEL -> file.equals("aastra.cfg")
                    ? Optional.of(new FileRequest(v, Kind.GENERIC, Optional.empty(), file))
                    : match(CFG, file, v, Kind.DEVICE_CONFIG);
            case POLYCOM -> {
                if (file.equals("000000000000.cfg")) {
                    yield Optional.of(new FileRequest(v, Kind.GENERIC, Optional.empty(), file));
                }
                Optional<FileRequest> phone = match(POLYCOM_PHONE, file, v, Kind.DEVICE_CONFIG);
                yield phone.isPresent() ? phone : match(CFG, file, v, Kind.POLYCOM_BOOT);
            }
        };
    }

    private static boolean zero(String file) {
        return file.startsWith("000000000000");
    }

    private static Optional<FileRequest> match(Pattern p, String file, Vendor v, Kind kind) {
        Matcher m = p.matcher(file);
        if (!m.matches() || !HEX12.matcher(m.group(1)).matches() || m.group(1).equals("000000000000")) {
            return Optional.empty();
        }
        return Optional.of(new FileRequest(v, kind, Optional.of(m.group(1).toUpperCase(Locale.ROOT)), file));
    }
}
