package io.telops.callforward.signature;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.telops.callforward.config.CallForwardConfig;

/**
 * Checks Plivo's signature on a callback before any work is done: V3 for voice callbacks (account token, or the
 * main account token for -Ma-V3), V2 for messaging callbacks. The signed URL is the public URL Plivo called:
 * the configured public base plus the request's path and query, or the request's own URL when none is set.
 */
@ApplicationScoped
public class CallbackVerifier {
    /** A callback whose signature did not verify; answered with 403 and counted. */
    public static class BadSignature extends RuntimeException {
        public BadSignature(String message) {
            super(message);
        }
    }

    private final CallForwardConfig config;
    private final SeenNonces nonces;
    private final MeterRegistry metrics;

    CallbackVerifier(CallForwardConfig config, SeenNonces nonces, MeterRegistry metrics) {
        this.config = config;
        this.nonces = nonces;
        this.metrics = metrics;
    }

    /** The URL Plivo signed: public base (if configured) + raw path + raw query. */
    public URI signedUrl(URI requestUri) {
        return config.publicBaseUrl().map(base -> {
            String b = base.toString().replaceAll("/+$", "");
            String q = requestUri.getRawQuery();
            return URI.create(b + requestUri.getRawPath() + (q == null ? "" : "?" + q));
        }).orElse(requestUri);
    }

    /** Base URL for the callback URLs we hand out: the configured one, or the one this request came in on. */
    public URI publicBase(URI requestUri) {
        return config.publicBaseUrl().orElseGet(() -> URI.create(requestUri.getScheme() + "://" + requestUri.getRawAuthority()));
    }

    /** Verifies a voice callback; returns its parameters (first value per name: what was signed). */
    public Map<String, String> voice(String method, URI requestUri, Map<String, List<String>> form,
                                     Optional<String> nonce, List<String> signatures, List<String> mainSignatures) {
        SignedRequest request = new SignedRequest(method, signedUrl(requestUri), form);
        String n = nonce.orElse(null);
        boolean ok = config.plivo().authToken().map(t -> PlivoSignatureV3.verify(request, n, signatures, t)).orElse(false)
                || config.plivo().mainAuthToken().map(t -> PlivoSignatureV3.verify(request, n, mainSignatures, t)).orElse(false);
        if (!ok) {
            reject("v3", nonce.isEmpty() || (signatures.isEmpty() && mainSignatures.isEmpty()) ? "missing" : "mismatch");
        }
        Map<String, String> params = new java.util.LinkedHashMap<>(FormParams.firstValues(FormParams.decode(requestUri.getRawQuery())));
        params.putAll(FormParams.firstValues(form));
        return params;
    }

    /**
     * Verifies a messaging callback (V2: URL without query, plus nonce), claims its nonce and runs {@code work}.
     * V2 does not sign the body, so a nonce seen within the replay window is refused (403) whatever the body says.
     * If {@code work} fails, the nonce is released again: nothing was changed, and Plivo's retry must get through.
     */
    public void messaging(URI requestUri, Optional<String> nonce, List<String> signatures, List<String> mainSignatures,
                          Runnable work) {
        URI url = signedUrl(requestUri);
        String n = nonce.orElse(null);
        boolean ok = config.plivo().authToken().map(t -> PlivoSignatureV2.verify(url, n, signatures, t)).orElse(false)
                || config.plivo().mainAuthToken().map(t -> PlivoSignatureV2.verify(url, n, mainSignatures, t)).orElse(false);
        if (!ok) {
            reject("v2", nonce.isEmpty() || (signatures.isEmpty() && mainSignatures.isEmpty()) ? "missing" : "mismatch");
        }
        if (!nonces.claim("v2", n)) {
            reject("v2", "replay");
        }
        try {
            work.run();
        } catch (RuntimeException e) {
            try {
                nonces.release("v2", n);
            } catch (RuntimeException releaseFailed) {
                e.addSuppressed(releaseFailed);
            }
            throw e;
        }
    }

    private void reject(String version, String reason) {
        metrics.counter("callforward.callbacks.rejected", "signature", version, "reason", reason).increment();
        throw new BadSignature("Plivo signature " + version + " " + reason);
    }
}
