package io.telops.callforward.signature;

import java.net.URI;
import java.util.List;

/**
 * Plivo's messaging callback signature (X-Plivo-Signature-V2 with X-Plivo-Signature-V2-Nonce):
 * base64(HMAC-SHA256(auth token, scheme://host[:port]/path + nonce)); no query, no parameters.
 */
public final class PlivoSignatureV2 {
    public static final String HEADER = "X-Plivo-Signature-V2";
    public static final String HEADER_MAIN_ACCOUNT = "X-Plivo-Signature-Ma-V2";
    public static final String HEADER_NONCE = "X-Plivo-Signature-V2-Nonce";

    private PlivoSignatureV2() {
    }

    public static String compute(URI url, String nonce, String authToken) {
        return PlivoSignatureV3.hmacSha256Base64(authToken, PlivoSignatureV3.base(url) + nonce);
    }

    public static boolean verify(URI url, String nonce, List<String> headerValues, String authToken) {
        if (nonce == null || nonce.isBlank() || headerValues == null || headerValues.isEmpty()
                || authToken == null || authToken.isEmpty()) {
            return false;
        }
        return PlivoSignatureV3.matchesAny(compute(url, nonce, authToken), headerValues);
    }
}
