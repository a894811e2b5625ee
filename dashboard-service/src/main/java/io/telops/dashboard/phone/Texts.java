package io.telops.dashboard.phone;

/** Fits phone-supplied text into its column: phones are not trusted to keep names short. */
final class Texts {
    private Texts() {
    }

    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    static String clipOrNull(String text, int max) {
        return text == null || text.isBlank() ? null : clip(text.strip(), max);
    }
}
