package io.telops.dashboard.api;

/** An RFC 9457 problem body: what went wrong, for a human and a machine. */
public record Problem(String type, String title, int status, String detail) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail);
    }
}
