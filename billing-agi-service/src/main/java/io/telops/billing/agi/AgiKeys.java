package io.telops.billing.agi;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The shared secrets a PBX puts in its AGI URL ({@code agi://host:4573/authorize?key=...}), which Asterisk
 * passes back in {@code agi_request}. With none configured no key is asked for; otherwise one must match,
 * compared in constant time. A key is never logged.
 */
final class AgiKeys {
    private final List<byte[]> keys;

    AgiKeys(List<String> keys) {
        this.keys = keys.stream().filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    boolean required() {
        return !keys.isEmpty();
    }

    /** True when no key is required, or the request's {@code key} parameter equals one of the configured keys. */
    boolean accepts(AgiRequest request) {
        if (!required()) {
            return true;
        }
        byte[] offered = keyOf(request).map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, offered); // no early exit: every key is compared
        }
        return match;
    }

    /** The {@code key} query parameter of {@code agi_request} (or of {@code agi_network_script}). */
    static Optional<String> keyOf(AgiRequest request) {
        return request.variable("request").flatMap(AgiKeys::queryKey)
                .or(() -> request.variable("network_script").flatMap(AgiKeys::queryKey));
    }

    private static Optional<String> queryKey(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            if (pair.startsWith("key=")) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
