package io.telops.vats.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The configured cabinet's origin (scheme, host, port): the only place the cabinet credentials may go.
 * A login page names its own form action and redirects, so both are checked against this before a post.
 */
public record CabinetOrigin(String scheme, String host, int port) {

    public static CabinetOrigin of(URI baseUrl) {
        return parse(baseUrl).orElseThrow(() -> new IllegalArgumentException("not an http(s) URL: " + baseUrl));
    }

    /** Whether {@code url} is an absolute http(s) URL on this origin. */
    public boolean contains(String url) {
        try {
            return parse(new URI(url)).map(this::equals).orElse(false);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Refuses, naming the URL, to send the credentials anywhere else. */
    public void requireForCredentials(String url, String what) {
        if (!contains(url)) {
            String shown = SafeLog.path(url);
            shown = shown.length() <= 200 ? shown : shown.substring(0, 200) + "...";
            throw new CabinetException.LoginFailed("refused to send the cabinet credentials to " + shown + " (" + what
                    + "): not the configured cabinet origin " + this);
        }
    }

    private static Optional<CabinetOrigin> parse(URI url) {
        if (url.getScheme() == null || url.getHost() == null || url.getRawUserInfo() != null) {
            return Optional.empty();
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        if (scheme.equals("https")) {
            port = port == -1 ? 443 : port;
        } else if (scheme.equals("http")) {
            port = port == -1 ? 80 : port;
        } else {
            return Optional.empty();
        }
        return Optional.of(new CabinetOrigin(scheme, url.getHost().toLowerCase(Locale.ROOT), port));
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
