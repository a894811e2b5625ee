package io.telops.vats.client;

/** Shortens what the cabinet sent to something safe to log: no query strings, no long bodies. */
public final class SafeLog {
    private SafeLog() {
    }

    /** A URL without its query and path parameters (jsessionid travels there). */
    public static String path(String url) {
        int cut = url.length();
        for (char c : new char[] {'?', ';', '#'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }

    /** The first 80 characters of a body, on one line. */
    public static String head(String body) {
        String line = body.replaceAll("\\s+", " ").trim();
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }
}
