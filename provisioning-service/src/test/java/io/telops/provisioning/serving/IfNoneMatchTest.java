package io.telops.provisioning.serving;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one If-None-Match comparison of configs, boot files, phonebooks and firmware (RFC 9110 13.1.2, weak). */
class IfNoneMatchTest {
    private static final String ETAG = "\"5f1e\"";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"5f1e\"|true",
            "W/\"5f1e\"|true",
            "\"other\", W/\"5f1e\"|true",
            "*|true",
            "\"other\"|false",
            "5f1e|false",
            "\"5f1e2\"|false",
            "''|false"})
    void aCurrentCopyIsRecognisedByStrongOrWeakTagInAList(String header, boolean current) {
        assertThat(IfNoneMatch.matches(header, ETAG)).isEqualTo(current);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\"5f1e\"", "*"})
    void noHeaderMeansTheClientHasNoCopy(String etag) {
        assertThat(IfNoneMatch.matches(null, etag)).isFalse();
    }
}
