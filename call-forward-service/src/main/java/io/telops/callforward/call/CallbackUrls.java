package io.telops.callforward.call;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The URLs of this service that Plivo calls back, under one public base (scheme://host[:port]). */
public record CallbackUrls(URI base) {
    public CallbackUrls {
        String s = base.toString();
        if (s.endsWith("/")) {
            base = URI.create(s.substring(0, s.length() - 1));
        }
    }

    public URI answer() {
        return path("/plivo/answer");
    }

    public URI hangup() {
        return path("/plivo/hangup");
    }

    public URI fallback() {
        return path("/plivo/fallback");
    }

    public URI dial(String lineId, Leg leg) {
        return path("/plivo/dial?line=" + enc(lineId) + "&leg=" + leg.wire());
    }

    public URI recorded(String lineId) {
        return path("/plivo/recorded?line=" + enc(lineId));
    }

    public URI whisper(String lineId) {
        return path("/plivo/whisper?line=" + enc(lineId));
    }

    public URI messageStatus(String smsId) {
        return path("/plivo/message-status?sms=" + enc(smsId));
    }

    private URI path(String p) {
        return URI.create(base + p);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
