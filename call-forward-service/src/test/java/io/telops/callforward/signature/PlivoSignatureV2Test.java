package io.telops.callforward.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** V2 vectors from plivo-java UtilsTest / plivo-python / plivo-go / plivo-node. */
class PlivoSignatureV2Test {
    @ParameterizedTest
    @CsvSource({
            "https://answer.url, ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=",
            "https://answer.url/, do1CXv+k99A6+B+eTcyqbxWlezFIxJ/1vz72787r37g=",
            "https://answer.url:8000, Gm7Z7AGBmf5JpSHrtUmeofrGyA4xV0ZiV0rH8JPXWGU="})
    void sdkVectorsPass(String url, String expected) {
        assertThat(PlivoSignatureV2.compute(URI.create(url), "12345", "my_auth_token")).isEqualTo(expected);
        assertThat(PlivoSignatureV2.verify(URI.create(url), "12345", List.of(expected), "my_auth_token")).isTrue();
    }

    @Test
    void wrongTokenNonceOrUrlFailAndQueryIsIgnored() {
        String good = "ehV3IKhLysWBxC1sy8INm0qGoQYdYsHwuoKjsX7FsXc=";
        assertThat(PlivoSignatureV2.verify(URI.create("https://answer.url"), "12345", List.of(good), "my_auth_tokens")).isFalse();
        assertThat(PlivoSignatureV2.verify(URI.create("https://answer.url"), "12346", List.of(good), "my_auth_token")).isFalse();
        assertThat(PlivoSignatureV2.verify(URI.create("https://answer.url:8000"), "12345", List.of(good), "my_auth_token")).isFalse();
        assertThat(PlivoSignatureV2.verify(URI.create("https://answer.url?sms=1"), "12345", List.of(good), "my_auth_token")).isTrue();
        assertThat(PlivoSignatureV2.verify(URI.create("https://answer.url"), "12345", List.of("x=," + good), "my_auth_token")).isTrue();
    }
}
