package io.telops.faults;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Plivo's answer callback for a call to the harness' forwarding number, signed with Plivo's V3 signature (HMAC-SHA256
 * of the URL, the sorted POST parameters and the nonce, with the auth token) as call-forward-service's tests sign it.
 */
final class PlivoCallbacks extends Driver {
    private final List<String> callForward;
    private final String authToken;
    private final String number;

    PlivoCallbacks(List<String> callForwardUrls, String authToken, String number, Acknowledgements acks, double perSecond) {
        super(Flow.PLIVO_CALLBACK, acks, perSecond);
        this.callForward = callForwardUrls;
        this.authToken = authToken;
        this.number = number;
    }

    @Override
    protected int targets() {
        return callForward.size();
    }

    @Override
    protected String once(int target, long n) throws Exception {
        String url = callForward.get(target) + "/plivo/answer";
        String callUuid = UUID.randomUUID().toString();
        String from = "14155550111";
        String nonce = Long.toString(System.nanoTime());
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(hmac.doFinal(
                (url + "?CallUUID" + callUuid + "From" + from + "To" + number + "." + nonce).getBytes(StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Plivo-Signature-V3", signature).header("X-Plivo-Signature-V3-Nonce", nonce)
                    .POST(HttpRequest.BodyPublishers.ofString("CallUUID=" + callUuid + "&From=" + from + "&To=" + number))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("<Dial") ? callUuid : null;
        } catch (java.io.IOException e) {
            if (isRefused(e)) {
                throw new ConnectException(e.getMessage());
            }
            throw e;
        }
    }
}
