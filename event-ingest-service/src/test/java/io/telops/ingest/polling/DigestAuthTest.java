package io.telops.ingest.polling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Digest answers against RFC 7616, section 3.9.1's worked example (user Mufasa, password "Circle of Life"). */
class DigestAuthTest {
    static final String REALM = "http-auth@example.org";
    static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    static final String OPAQUE = "FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS";
    static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    static final String USER = "Mufasa";
    static final String PASSWORD = "Circle of Life";
    static final String URI = "/dir/index.html";

    static Map<String, String> rfcChallenge(String algorithm) {
        return DigestAuth.challenge("Digest realm=\"" + REALM + "\", qop=\"auth, auth-int\", algorithm=" + algorithm
                + ", nonce=\"" + NONCE + "\", opaque=\"" + OPAQUE + "\"").orElseThrow();
    }

    @Test
    void answersTheRfc7616Sha256Example() {
        String header = DigestAuth.authorization(rfcChallenge("SHA-256"), "GET", URI, USER, PASSWORD, CNONCE);
        assertThat(header).contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"")
                .contains("algorithm=SHA-256").contains("qop=auth,").contains("nc=00000001")
                .contains("cnonce=\"" + CNONCE + "\"").contains("opaque=\"" + OPAQUE + "\"");
    }

    @Test
    void answersTheRfc7616Md5Example() {
        String header = DigestAuth.authorization(rfcChallenge("MD5"), "GET", URI, USER, PASSWORD, CNONCE);
        assertThat(header).contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"").contains("algorithm=MD5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MD5-sess", "SHA-256-sess"})
    void sessionVariantsHashTheNonceAndCnonceIntoHa1(String algorithm) {
        String h = algorithm.startsWith("MD5") ? "MD5" : "SHA-256";
        // RFC 7616 3.4.2: A1 = H(user:realm:password):nonce:cnonce; then the response as for qop=auth
        String ha1 = hash(h, hash(h, USER + ":" + REALM + ":" + PASSWORD) + ":" + NONCE + ":" + CNONCE);
        String expected = hash(h, ha1 + ":" + NONCE + ":00000001:" + CNONCE + ":auth:" + hash(h, "GET:" + URI));

        String header = DigestAuth.authorization(rfcChallenge(algorithm), "GET", URI, USER, PASSWORD, CNONCE);

        assertThat(header).contains("response=\"" + expected + "\"").contains("algorithm=" + algorithm);
    }

    @Test
    void theAlgorithmTokenIsCaseInsensitive() {
        assertThat(DigestAuth.authorization(rfcChallenge("sha-256"), "GET", URI, USER, PASSWORD, CNONCE))
                .contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"");
    }

    @Test
    void aChallengeOfferingOnlyAuthIntIsNotAnsweredAsAuth() {
        Map<String, String> authInt = DigestAuth.challenge("Digest realm=\"" + REALM + "\", qop=\"auth-int\", nonce=\"" + NONCE + "\"")
                .orElseThrow();
        assertThat(DigestAuth.supported(authInt)).isFalse();
        assertThatThrownBy(() -> DigestAuth.authorization(authInt, "GET", URI, USER, PASSWORD, CNONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auth-int");
    }

    @Test
    void anUnknownAlgorithmIsNotAnswered() {
        Map<String, String> sha512 = rfcChallenge("SHA-512-256");
        assertThat(DigestAuth.supported(sha512)).isFalse();
        assertThatThrownBy(() -> DigestAuth.authorization(sha512, "GET", URI, USER, PASSWORD, CNONCE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SHA-512-256");
    }

    @Test
    void staleIsReadFromTheChallenge() {
        assertThat(DigestAuth.stale(DigestAuth.challenge("Digest realm=\"r\", nonce=\"n\", stale=TRUE").orElseThrow())).isTrue();
        assertThat(DigestAuth.stale(DigestAuth.challenge("Digest realm=\"r\", nonce=\"n\", stale=false").orElseThrow())).isFalse();
        assertThat(DigestAuth.stale(DigestAuth.challenge("Digest realm=\"r\", nonce=\"n\"").orElseThrow())).isFalse();
    }

    @Test
    void cnoncesDifferPerAnswer() {
        Map<String, String> challenge = rfcChallenge("SHA-256");
        String first = DigestAuth.challenge(DigestAuth.authorization(challenge, "GET", URI, USER, PASSWORD)).orElseThrow().get("cnonce");
        String second = DigestAuth.challenge(DigestAuth.authorization(challenge, "GET", URI, USER, PASSWORD)).orElseThrow().get("cnonce");
        assertThat(first).hasSizeGreaterThanOrEqualTo(16).isNotEqualTo(second);
    }

    static String hash(String algorithm, String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
