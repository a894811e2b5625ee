package io.telops.callforward.line;

import java.util.Locale;

/** Comparable forms of what Plivo puts in From/To: digits only for numbers, lower-case for SIP URIs. */
public final class PhoneNumbers {
    private static final java.util.regex.Pattern NOT_A_DIGIT = java.util.regex.Pattern.compile("[^0-9]");

    private PhoneNumbers() {
    }

    public static String normalise(String raw) {
        String s = raw == null ? "" : raw.trim();
        if (s.regionMatches(true, 0, "sip:", 0, 4)) {
            return s.toLowerCase(Locale.ROOT);
        }
        return NOT_A_DIGIT.matcher(s).replaceAll("");
    }

    /** True when the list entry names the caller: exact, or a prefix ending in {@code *}. */
    public static boolean matches(String entry, String caller) {
        String c = normalise(caller);
        if (entry.endsWith("*")) {
            String prefix = normalise(entry.substring(0, entry.length() - 1));
            return !prefix.isEmpty() && c.startsWith(prefix);
        }
        String e = normalise(entry);
        return !e.isEmpty() && e.equals(c);
    }
}
