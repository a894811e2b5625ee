package io.telops.contracts;

import java.util.Locale;
import java.util.regex.Pattern;

/** MAC address in the platform's one spelling: 12 upper-case hex digits, no separators. */
public final class MacAddress {
    private static final Pattern SEPARATORS = Pattern.compile("[:\\-.]");
    private static final Pattern NORMALISED = Pattern.compile("[0-9A-F]{12}");

    private MacAddress() {
    }

    /**
     * Accepts the spellings phones and operators use (0004f214b89e, 00:04:F2:14:B8:9E, 00-04-f2-14-b8-9e,
     * 0004.f214.b89e) and returns the normalised form.
     *
     * @throws IllegalArgumentException if the value is not a MAC address
     */
    public static String normalise(String raw) {
        if (raw == null) {
            throw new IllegalArgumentException("MAC address is missing");
        }
        String candidate = SEPARATORS.matcher(raw.strip()).replaceAll("").toUpperCase(Locale.ROOT);
        if (!NORMALISED.matcher(candidate).matches()) {
            throw new IllegalArgumentException("not a MAC address: " + abbreviate(raw));
        }
        return candidate;
    }

    public static boolean isNormalised(String value) {
        return value != null && NORMALISED.matcher(value).matches();
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "...";
    }
}
