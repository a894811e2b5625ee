package io.telops.callforward.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telops.callforward.config.CallForwardConfig;

/** The signed URL behind a proxy, main-account signatures, and the 403 counter. */
class CallbackVerifierTest {
    static CallForwardConfig config(Optional<URI> base, Optional<String> token, Optional<String> mainToken) {
        return new CallForwardConfig() {
            public Optional<URI> publicBaseUrl() { return base; }
            public Plivo plivo() {
                return new Plivo() {
                    public Optional<String> authId() { return Optional.of("SAXXXXXXXXXXXXXXXXXX"); }
                    public Optional<String> authToken() { return token; }
                    public Optional<String> mainAuthToken() { return mainToken; }
                    public Optional<String> appId() { return Optional.empty(); }
                    public String appName() { return "x"; }
                    public Duration replayWindow() { return Duration.ofHours(72); }
                };
            }
            public Sms sms() { return null; }
            public Rental rental() { return null; }
            public Unreachable unreachable() { return null; }
            public LineCacheSettings lineCache() { return null; }
        };
    }

    // these tests never get past the signature, where nonces are claimed
    static final SeenNonces NO_NONCES = null;
    static final URI INTERNAL = URI.create("http://10.0.0.7:8082/plivo/dial?line=l%201&leg=sip");
    static final Map<String, List<String>> FORM = FormParams.decode("CallUUID=c1&DialStatus=no-answer");

    @Test
    void theSignedUrlIsThePublicBasePlusTheRawPathAndQuery() {
        CallbackVerifier v = new CallbackVerifier(config(Optional.of(URI.create("https://forward.example.com:8443/")),
                Optional.of("sub"), Optional.empty()), NO_NONCES, new SimpleMeterRegistry());
        assertThat(v.signedUrl(INTERNAL)).isEqualTo(URI.create("https://forward.example.com:8443/plivo/dial?line=l%201&leg=sip"));
        String sig = PlivoSignatureV3.compute(new SignedRequest("POST", v.signedUrl(INTERNAL), FORM), "n1", "sub");
        Map<String, String> params = v.voice("POST", INTERNAL, FORM, Optional.of("n1"), List.of(sig), List.of());
        // the handler sees the query parameters too, form values winning
        assertThat(params).containsEntry("line", "l 1").containsEntry("leg", "sip").containsEntry("DialStatus", "no-answer");
        CallbackVerifier noBase = new CallbackVerifier(config(Optional.empty(), Optional.of("sub"), Optional.empty()), NO_NONCES, new SimpleMeterRegistry());
        assertThat(noBase.signedUrl(INTERNAL)).isEqualTo(INTERNAL);
        assertThat(noBase.publicBase(INTERNAL)).isEqualTo(URI.create("http://10.0.0.7:8082"));
    }

    @Test
    void mainAccountSignatureIsCheckedWithTheMainTokenOnly() {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        CallbackVerifier v = new CallbackVerifier(config(Optional.empty(), Optional.of("sub"), Optional.of("main")), NO_NONCES, metrics);
        String main = PlivoSignatureV3.compute(new SignedRequest("POST", INTERNAL, FORM), "n2", "main");
        assertThat(v.voice("POST", INTERNAL, FORM, Optional.of("n2"), List.of("bogus"), List.of(main))).containsKey("CallUUID");
        // a main-token signature in the sub-account header does not pass
        assertThatThrownBy(() -> v.voice("POST", INTERNAL, FORM, Optional.of("n2"), List.of(main), List.of()))
                .isInstanceOf(CallbackVerifier.BadSignature.class);
        assertThatThrownBy(() -> v.voice("POST", INTERNAL, FORM, Optional.empty(), List.of(main), List.of(main)))
                .isInstanceOf(CallbackVerifier.BadSignature.class);
        assertThat(metrics.counter("callforward.callbacks.rejected", "signature", "v3", "reason", "mismatch").count()).isEqualTo(1.0);
        assertThat(metrics.counter("callforward.callbacks.rejected", "signature", "v3", "reason", "missing").count()).isEqualTo(1.0);
    }

    @Test
    void withoutAnAuthTokenEveryCallbackIsRefused() {
        CallbackVerifier v = new CallbackVerifier(config(Optional.empty(), Optional.empty(), Optional.empty()), NO_NONCES, new SimpleMeterRegistry());
        String sig = PlivoSignatureV3.compute(new SignedRequest("POST", INTERNAL, FORM), "n3", "guess");
        assertThatThrownBy(() -> v.voice("POST", INTERNAL, FORM, Optional.of("n3"), List.of(sig), List.of()))
                .isInstanceOf(CallbackVerifier.BadSignature.class);
        assertThatThrownBy(() -> v.messaging(INTERNAL, Optional.of("n3"), List.of(PlivoSignatureV2.compute(INTERNAL, "n3", "guess")), List.of(), () -> { }))
                .isInstanceOf(CallbackVerifier.BadSignature.class);
    }
}
