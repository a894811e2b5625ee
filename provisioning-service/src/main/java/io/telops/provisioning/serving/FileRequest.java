package io.telops.provisioning.serving;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.telops.provisioning.render.Vendor;

/**
 * A file name a phone asked for, recognised strictly per vendor. Only these shapes exist; anything
 * else (other names, traversal, malformed MACs, files we never serve such as Grandstream's binary
 * {@code cfg<mac>} or Polycom's {@code sip.ld} without firmware) is not a file and gets 404 from the
 * name alone, which is where each vendor falls through to its next file. File names are never turned
 * into paths.
 */
public record FileRequest(Vendor vendor, Kind kind, Optional<String> mac, String fileName) {

    /** What is served for a file name. */
    public enum Kind {
        /** The per-phone config rendered from the template (secrets inside: authenticated). */
        DEVICE_CONFIG,
        /** A per-phone boot file naming the files to fetch next: Polycom {@code <mac>.cfg}, Yealink {@code <mac>.boot}. */
        BOOT,
        /** The same for every phone of the vendor, no secrets, no device, no authentication. */
        GENERIC,
        /** Polycom uploads ({@code <mac>-phone.cfg}, logs...): PUT only, authenticated, stored bounded. */
        UPLOAD,
        /** Polycom {@code <mac>-phone.cfg} / {@code -web.cfg} read back at boot: the stored upload, else 404. */
        UPLOADED,
        /** The device's site phonebook in its vendor's format (authenticated like its config; see PhonebookRoutes). */
        PHONEBOOK
    }

    private static final Pattern HEX12 = Pattern.compile("[0-9A-Fa-f]{12}");
    private static final Pattern SNOM = Pattern.compile("([0-9A-Fa-f]{12})\\.xml");
    /** Snom's pair: the general {@code snom<model>.htm} and the phone's {@code snom<model>-<MAC>.htm}. */
    private static final Pattern SNOM_GENERAL = Pattern.compile("snom[A-Za-z0-9]{2,10}\\.(htm|xml)");
    private static final Pattern SNOM_MODEL_MAC = Pattern.compile("snom[A-Za-z0-9]{2,10}-([0-9A-Fa-f]{12})\\.htm");
    private static final Pattern CFG = Pattern.compile("([0-9A-Fa-f]{12})\\.cfg");
    private static final Pattern YEALINK_BOOT = Pattern.compile("([0-9A-Fa-f]{12})\\.boot");
    /** Yealink's common file, {@code y0000000000XX.cfg} by hardware id (and {@code y000000000000.cfg}). */
    private static final Pattern YEALINK_COMMON = Pattern.compile("y0000000000[0-9]{2}\\.cfg");
    private static final Pattern POLYCOM_PHONE = Pattern.compile("([0-9A-Fa-f]{12})-telops\\.cfg");
    private static final Pattern POLYCOM_UPLOAD = Pattern.compile(
            "([0-9A-Fa-f]{12})-(phone\\.cfg|web\\.cfg|app\\.log|boot\\.log|directory\\.xml|calls\\.xml)");
    private static final Pattern POLYCOM_DIRECTORY = Pattern.compile("([0-9A-Fa-f]{12})-directory\\.xml");
    private static final Pattern POLYCOM_OVERRIDES = Pattern.compile("([0-9A-Fa-f]{12})-(phone\\.cfg|web\\.cfg)");
    private static final Pattern GRANDSTREAM = Pattern.compile("cfg([0-9A-Fa-f]{12})\\.xml");
    /** Grandstream's generic files after the MAC one: {@code cfg<model>.xml} (e.g. cfggxp2170.xml), {@code cfg.xml}. */
    private static final Pattern GRANDSTREAM_GENERIC = Pattern.compile("cfg([a-z]{2,4}[0-9]{3,5}[a-z]?)?\\.xml");
    private static final Pattern MITEL_NATIVE = Pattern.compile("MN_([0-9A-Fa-f]{12})\\.cfg");
    private static final Pattern CISCO = Pattern.compile("(?:spa)?([0-9A-Fa-f]{12})\\.xml");
    /** Fanvil's common file, named per model and hardware: {@code f0X4hw1.100.cfg}, {@code F0V00X600000.cfg}. */
    private static final Pattern FANVIL_COMMON = Pattern.compile("[fF]0[0-9A-Za-z][0-9A-Za-z.]{1,24}\\.cfg");

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
            case SNOM -> SNOM_GENERAL.matcher(file).matches() ? generic(v, file)
                    : match(SNOM, file, v, Kind.DEVICE_CONFIG).or(() -> match(SNOM_MODEL_MAC, file, v, Kind.DEVICE_CONFIG));
            case YEALINK -> YEALINK_COMMON.matcher(file).matches() ? generic(v, file)
                    : zero(file) ? Optional.empty()
                    : match(CFG, file, v, Kind.DEVICE_CONFIG).or(() -> match(YEALINK_BOOT, file, v, Kind.BOOT));
            case GRANDSTREAM -> GRANDSTREAM_GENERIC.matcher(file).matches() && !GRANDSTREAM.matcher(file).matches()
                    ? generic(v, file) : match(GRANDSTREAM, file, v, Kind.DEVICE_CONFIG);
            case MITEL -> file.equals("aastra.cfg") || file.equals("startup.cfg") || file.equals("MN_Generic.cfg")
                    ? generic(v, file)
                    : match(CFG, file, v, Kind.DEVICE_CONFIG).or(() -> match(MITEL_NATIVE, file, v, Kind.DEVICE_CONFIG));
            case POLYCOM -> {
                if (file.equals("000000000000.cfg")) {
                    yield generic(v, file);
                }
                Optional<FileRequest> phone = match(POLYCOM_PHONE, file, v, Kind.DEVICE_CONFIG);
                yield phone.or(() -> match(POLYCOM_DIRECTORY, file, v, Kind.PHONEBOOK)).or(() -> match(POLYCOM_OVERRIDES, file, v, Kind.UPLOADED)).or(() -> match(CFG, file, v, Kind.BOOT));
            }
            case CISCO -> match(CISCO, file, v, Kind.DEVICE_CONFIG);
            case FANVIL -> {
                Optional<FileRequest> own = match(CFG, file, v, Kind.DEVICE_CONFIG);
                yield own.isEmpty() && FANVIL_COMMON.matcher(file).matches() ? generic(v, file) : own;
            }
        };
    }

    private static Optional<FileRequest> generic(Vendor v, String file) {
        return Optional.of(new FileRequest(v, Kind.GENERIC, Optional.empty(), file));
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
