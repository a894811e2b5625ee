package io.telops.provisioning.bench;

import static java.util.Map.entry;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.telops.provisioning.render.Vendor;

/**
 * What a phone of each vendor asks for on boot, in its order, as {@code BootSequenceTest} walks it (issue #21 item 1),
 * for the model of each vendor's golden template (the devices the bench creates). Every GET counts, the 404s where the
 * vendor falls through included; Polycom's PUT uploads do not (nginx has no PUT), nor does firmware (fetched only when
 * the version changes). Phonebooks are in the sequences of the vendors that fetch theirs at boot (Polycom, Snom);
 * Yealink, Grandstream, Cisco and Fanvil fetch the URL they are given when the user opens the directory or on their
 * own timer ({@code docs/provisioning/phonebooks.md}), not as part of booting.
 *
 * <p>To add a file to a vendor's boot sequence (a phonebook, a firmware check), add one step to its list below; a
 * vendor without an entry gets no devices (add one entry for a new vendor). A file is relative to
 * {@code /prov/<vendor>/} unless it starts with '/'. Placeholders: {@code {mac}} 0004f2aabbcc, {@code {MAC}}
 * 0004F2AABBCC, {@code {mac:}} 00:04:f2:aa:bb:cc, {@code {MAC-}} 00-04-F2-AA-BB-CC.
 */
final class BootSequences {
    private BootSequences() {
    }

    /** What the service does for a step, which decides the status the bench expects and whether the phone authenticates. */
    enum Kind {
        /** The phone's own file: credentials checked, 200. */
        DEVICE(200, true),
        /**
         * A per-phone name answered 404 after the credential check: Polycom's overrides before it uploaded any, and a
         * phonebook while the phone's site has no contacts (the bench's devices have no site).
         */
        DEVICE_404(404, true),
        /** The same for every phone of the vendor: no credentials, 200. */
        COMMON(200, false),
        /** A name the service does not serve: 404 from the name alone, where the vendor falls through. */
        FALL_THROUGH(404, false);

        final int status;
        final boolean authenticated;

        Kind(int status, boolean authenticated) {
            this.status = status;
            this.authenticated = authenticated;
        }
    }

    record Step(String file, Kind kind) {
    }

    record Sequence(String userAgent, List<Step> steps) {
    }

    static final Map<Vendor, Sequence> BY_VENDOR = new EnumMap<>(Map.ofEntries(
            entry(Vendor.YEALINK, new Sequence("Yealink SIP-T46S 66.86.0.160 {mac:}", List.of(
                    step("{mac}.boot", Kind.DEVICE),
                    step("y000000000000.cfg", Kind.COMMON),
                    step("{mac}.cfg", Kind.DEVICE)))),
            entry(Vendor.POLYCOM, new Sequence("FileTransport PolycomVVX-VVX_411-UA/6.4.3.5156 (SN:{mac}) Type/Application", List.of(
                    step("{mac}.cfg", Kind.DEVICE),
                    step("sip.ld", Kind.FALL_THROUGH),
                    step("{mac}-telops.cfg", Kind.DEVICE),
                    step("{mac}-phone.cfg", Kind.DEVICE_404),
                    step("{mac}-web.cfg", Kind.DEVICE_404),
                    // the contact directory after the config files (UC Software admin guide, "Local Contact Directory":
                    // <mac>-directory.xml, then 000000000000-directory.xml); the first is the phone's own, authenticated
                    step("{mac}-directory.xml", Kind.DEVICE_404),
                    step("000000000000-directory.xml", Kind.FALL_THROUGH)))),
            entry(Vendor.GRANDSTREAM, new Sequence("Grandstream Model HW GXP2135 SW 1.0.11.3 DevId {mac}", List.of(
                    step("cfg{mac}", Kind.FALL_THROUGH),
                    step("cfg{mac}.xml", Kind.DEVICE)))),
            entry(Vendor.SNOM, new Sequence("Mozilla/4.0 (compatible; snom715-SIP 10.1.169.16 OpenSSL/1.1.1g {MAC} SXM:0 UXM:0 UXMC:0)",
                    List.of(
                            step("snom715.htm", Kind.COMMON),
                            step("{mac}.xml", Kind.DEVICE),
                            // the general file's second <setting-files> entry, fetched after the first (service.snom.com
                            // "Desk Phone Configuration Files": every listed file, in order; CommonFiles.snomGeneral)
                            step("{mac}/phonebook.xml", Kind.DEVICE_404)))),
            entry(Vendor.MITEL, new Sequence("Aastra6867i MAC:{MAC-} V:5.1.0.2016-SIP", List.of(
                    step("aastra.cfg", Kind.COMMON),
                    step("6867i.cfg", Kind.FALL_THROUGH),
                    step("{MAC}.cfg", Kind.DEVICE)))),
            entry(Vendor.CISCO, new Sequence("Cisco/SPA525G-7.6.2c ({mac})(CCQ162306EA)", List.of(
                    step("spa{mac}.xml", Kind.DEVICE)))),
            // the common file named by model and hardware version, whose FlashFileName names the phone's own (Fanvil
            // "VoIP Auto Provison Standard" v1.1 section 4; file names and User-Agent from wazo-provd-plugins wazo_fanvil)
            entry(Vendor.FANVIL, new Sequence("Fanvil X6U 2.10.2.6887 {mac}", List.of(
                    step("f0X6Uhw1.100.cfg", Kind.COMMON),
                    step("{mac}.cfg", Kind.DEVICE))))));

    private static Step step(String file, Kind kind) {
        return new Step(file, kind);
    }

    /** The URL path of a step for the phone with this (upper-case, 12-hex) MAC. */
    static String path(Vendor vendor, Step step, String mac) {
        String file = expand(step.file(), mac);
        return file.startsWith("/") ? file : "/prov/" + vendor.brand() + "/" + file;
    }

    static String userAgent(Vendor vendor, String mac) {
        return expand(BY_VENDOR.get(vendor).userAgent(), mac);
    }

    private static String expand(String s, String mac) {
        String upper = mac.toUpperCase(Locale.ROOT);
        String lower = mac.toLowerCase(Locale.ROOT);
        return s.replace("{mac}", lower).replace("{MAC}", upper)
                .replace("{mac:}", lower.replaceAll("(..)(?!$)", "$1:"))
                .replace("{MAC-}", upper.replaceAll("(..)(?!$)", "$1-"));
    }
}
