package io.telops.callforward.signature;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plivo's voice callback signature (X-Plivo-Signature-V3 with X-Plivo-Signature-V3-Nonce), computed
 * the way plivo-go and plivo-python do: the URL keeps its explicit port and query, GET sorts query and
 * callback parameters together as {@code k=v&...}, POST appends the sorted form parameters as
 * {@code kv...} after a {@code ?} (or after {@code .} when the URL has a query), then {@code .nonce};
 * HMAC-SHA256 keyed by the auth token, base64. Names sort by code point (upper case first).
 */
public final class PlivoSignatureV3 {
    public static final String HEADER = "X-Plivo-Signature-V3";
    public static final String HEADER_MAIN_ACCOUNT = "X-Plivo-Signature-Ma-V3";
    public static final String HEADER_NONCE = "X-Plivo-Signature-V3-Nonce";

    // Mac is not thread-safe and costly to look up and key: one keyed instance per thread and auth token
    private static final ThreadLocal<Map<String, Mac>> MACS = ThreadLocal.withInitial(java.util.HashMap::new);
    // account token, main account token, and tests' own tokens
    private static final int MAX_KEYS_PER_THREAD = 8;

    private PlivoSignatureV3() {
    }

    /** The exact text that is signed, for tests and diagnostics. */
    public static String stringToSign(SignedRequest request, String nonce) {
        URI url = request.url();
        StringBuilder s = new StringBuilder(base(url));
        Map<String, String> query = new TreeMap<>(FormParams.firstValues(FormParams.decode(url.getRawQuery())));
        Map<String, String> params = new TreeMap<>(FormParams.firstValues(request.formParams()));
        if (request.isGet()) {
            query.putAll(params);
            if (!query.isEmpty()) {
                s.append('?').append(query.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&")));
            }
        } else if (!query.isEmpty()) {
            s.append('?').append(query.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&")));
            if (!params.isEmpty()) {
                s.append('.').append(concat(params));
            }
        } else if (!params.isEmpty()) {
            s.append('?').append(concat(params));
        }
        return s.append('.').append(nonce).toString();
    }

    public static String compute(SignedRequest request, String nonce, String authToken) {
        return hmacSha256Base64(authToken, stringToSign(request, nonce));
    }

    /**
     * True when any comma-separated signature in any of the given header values matches. Header values
     * may repeat (several header lines) and each may list several signatures.
     */
    public static boolean verify(SignedRequest request, String nonce, List<String> headerValues, String authToken) {
        if (nonce == null || nonce.isBlank() || headerValues == null || headerValues.isEmpty()
                || authToken == null || authToken.isEmpty()) {
            return false;
        }
        return matchesAny(compute(request, nonce, authToken), headerValues);
    }

    /** Compares the expected signature with every comma-separated candidate of every header value. */
    static boolean matchesAny(String expectedSignature, List<String> headerValues) {
        byte[] expected = expectedSignature.getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (String header : headerValues) {
            if (header == null) {
                continue;
            }
            for (String candidate : header.split(",")) {
                // no early exit: the time taken does not tell which candidate was close
                match |= MessageDigest.isEqual(expected, candidate.trim().getBytes(StandardCharsets.US_ASCII));
            }
        }
        return match;
    }

    static String base(URI url) {
        StringBuilder b = new StringBuilder().append(url.getScheme()).append("://").append(url.getRawAuthority());
        if (url.getRawPath() != null) {
            b.append(url.getRawPath());
        }
        return b.toString();
    }

    private static String concat(Map<String, String> sorted) {
        StringBuilder b = new StringBuilder();
        sorted.forEach((k, v) -> b.append(k).append(v));
        return b.toString();
    }

    static String hmacSha256Base64(String key, String message) {
        Map<String, Mac> perThread = MACS.get();
        Mac mac = perThread.get(key);
        if (mac == null) {
            if (perThread.size() >= MAX_KEYS_PER_THREAD) {
                perThread.clear();
            }
            mac = newMac(key);
            perThread.put(key, mac);
        }
        // doFinal leaves the Mac reset and still keyed, ready for the next message
        return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static Mac newMac(String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
