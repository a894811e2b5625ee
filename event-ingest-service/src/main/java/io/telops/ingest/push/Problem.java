package io.telops.ingest.push;

/** An RFC 9457 problem body: what went wrong, for a machine (type) and a human (title, detail). */
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem("https://telops.io/problems/" + slug, title, status, detail);
    }
}
