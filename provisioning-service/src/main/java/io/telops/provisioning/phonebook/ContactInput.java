package io.telops.provisioning.phonebook;

import java.util.regex.Pattern;

/**
 * A contact as the admin API and the CSV import take it. Names are free text up to 64 characters (any script;
 * no control characters, so no line break can reach a phone's file); the number is what the phone dials: digits,
 * {@code + * #}, or a SIP URI user/host ({@code 2001@pbx.example.com}).
 */
public record ContactInput(String firstName, String lastName, String number) {
    static final int MAX_NAME = 64;
    private static final Pattern NUMBER = Pattern.compile("[0-9A-Za-z+*#._\\-]{1,32}(@[0-9A-Za-z.\\-]{1,64})?");

    /** The input with blanks stripped, or an IllegalArgumentException naming what is wrong. */
    public ContactInput validated() {
        String first = name(firstName, "firstName");
        String last = name(lastName, "lastName");
        if (first.isEmpty() && last.isEmpty()) {
            throw new IllegalArgumentException("firstName or lastName is required");
        }
        String n = number == null ? "" : number.strip();
        if (!NUMBER.matcher(n).matches()) {
            throw new IllegalArgumentException("number must be 1-32 of digits, letters, + * # . _ -, optionally @host");
        }
        return new ContactInput(first, last, n);
    }

    private static String name(String raw, String what) {
        String v = raw == null ? "" : raw.strip();
        if (v.length() > MAX_NAME || v.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            throw new IllegalArgumentException(what + " must be at most " + MAX_NAME + " characters without control characters");
        }
        return v;
    }
}
