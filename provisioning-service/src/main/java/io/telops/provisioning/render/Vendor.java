package io.telops.provisioning.render;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phone vendors this service renders for, each with the User-Agent pattern that carries the
 * phone's MAC (where the vendor sends one) and the usual first line/key numbers.
 */
public enum Vendor {
    /** snomD785-SIP 10.1.169.16 ... 00041396D9B4 ...: a 12-hex token when the firmware sends it. */
    SNOM("snom", Pattern.compile("(?<![0-9A-Fa-f])(00041[0-9A-Fa-f]{7})(?![0-9A-Fa-f])")),
    /** Aastra6731i MAC:00-08-5D-29-4C-6B V:3.3.1.4365-SIP. */
    MITEL("mitel", Pattern.compile("MAC:([0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5})")),
    /** Yealink SIP-T48G 35.80.0.70 00:15:77:88:33:55, or the 12-hex form at the end. */
    YEALINK("yealink", Pattern.compile("([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{12})\\s*$")),
    /** FileTransport PolycomVVX-VVX_411-UA/5.9.0.9373 (SN:0004f2aabbcc) Type/Application. */
    POLYCOM("polycom", Pattern.compile("\\(SN:([0-9A-Fa-f]{12})\\)")),
    /** Grandstream Model HW GXP2135 SW 1.0.7.97 DevId 000b828aa872. */
    GRANDSTREAM("grandstream", Pattern.compile("DevId ([0-9A-Fa-f]{12})")),
    /** Cisco/SPA504G-7.4.9c (001565000000)(CCQ162306EA), Cisco-CP-8841-3PCC/11.0 (00562b043615). */
    CISCO("cisco", Pattern.compile("\\(([0-9A-Fa-f]{12})\\)")),
    /** Fanvil X4U 2.10.2.6887 0c383e07e16c: the MAC is the last token. */
    FANVIL("fanvil", Pattern.compile("^Fanvil .* ([0-9A-Fa-f]{12})\\s*$"));

    private final String brand;
    private final Pattern userAgentMac;

    Vendor(String brand, Pattern userAgentMac) {
        this.brand = brand;
        this.userAgentMac = userAgentMac;
    }

    public String brand() {
        return brand;
    }

    public static Optional<Vendor> forBrand(String brand) {
        if (brand == null) {
            return Optional.empty();
        }
        String b = brand.strip().toLowerCase(Locale.ROOT);
        if (b.equals("aastra")) {
            return Optional.of(MITEL);
        }
        if (b.equals("linksys")) {
            return Optional.of(CISCO);
        }
        for (Vendor v : values()) {
            if (v.brand.equals(b)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The MAC the User-Agent names, normalised, when this vendor's phones send one. */
    public Optional<String> macInUserAgent(String userAgent) {
        if (userAgent == null || userAgent.length() > 512) {
            return Optional.empty();
        }
        Matcher m = userAgentMac.matcher(userAgent);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(io.telops.contracts.MacAddress.normalise(m.group(1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public VendorRenderer renderer() {
        return switch (this) {
            case SNOM -> SnomRenderer.INSTANCE;
            case MITEL -> MitelRenderer.INSTANCE;
            case YEALINK -> YealinkRenderer.INSTANCE;
            case POLYCOM -> PolycomRenderer.INSTANCE;
            case GRANDSTREAM -> GrandstreamRenderer.INSTANCE;
            case CISCO -> CiscoRenderer.INSTANCE;
            case FANVIL -> FanvilRenderer.INSTANCE;
        };
    }
}
