package io.telops.provisioning.firmware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Range header read against a 1000-byte file (RFC 9110 section 14.1.2): what is served. */
class ByteRangeTest {
    private static final long SIZE = 1000;

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', nullValues = "NULL", value = {
            "bytes=0-99; 0-99",
            "bytes=990-; 990-999",
            "bytes=-10; 990-999",
            // a suffix longer than the file is the whole file, as a range
            "bytes=-5000; 0-999",
            "bytes=995-2000; 995-999",
            "bytes=1000-; unsatisfiable",
            "bytes=-0; unsatisfiable",
            // several ranges, another unit, malformed or reversed: ignored, the whole file
            "bytes=0-9,20-29; whole",
            "items=0-9; whole",
            "bytes=a-b; whole",
            "bytes=-; whole",
            "bytes=50-10; whole",
            "bytes=99999999999999999999-; whole",
            "NULL; whole"})
    void servesWhatTheHeaderAsks(String header, String expected) {
        ByteRange r = ByteRange.parse(header, SIZE);
        String got = r instanceof ByteRange.Part p ? p.first() + "-" + p.last()
                : r instanceof ByteRange.Unsatisfiable ? "unsatisfiable" : "whole";
        assertThat(got).isEqualTo(expected);
    }
}
