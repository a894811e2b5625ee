package io.telops.ingest.polycom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The positional fast path and the formatter fall-backs read the same instants and offsets. */
class PhoneTimestampsTest {
    @ParameterizedTest
    @CsvSource({
            "2008-07-11T13:19:53-08:00, 2008-07-11T21:19:53Z, -08:00",
            "2008-07-11T13:19:53-0800, 2008-07-11T21:19:53Z, -08:00",
            "2008-07-11T13:19:53Z, 2008-07-11T13:19:53Z, Z",
            "2008-07-11T13:19:53+00:00, 2008-07-11T13:19:53Z, Z",
            "2024-02-29T23:59:59.123+05:30, 2024-02-29T18:29:59.123Z, +05:30",
            "2024-02-29T23:59:59.5-0330, 2024-03-01T03:29:59.500Z, -03:30",
            "2008-07-11T13:19-08:00, 2008-07-11T21:19:00Z, -08:00",
            "2008-07-11T13:19:53, 2008-07-11T13:19:53Z, Z",
            "' 2008-07-11T13:19:53-08:00 ', 2008-07-11T21:19:53Z, -08:00"
    })
    void readsThePhonesSpellings(String text, String instant, String offset) {
        assertThat(PhoneTimestamps.parse(text)).contains(new PhoneTimestamps.PhoneTime(Instant.parse(instant), offset));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2008-13-11T13:19:53Z", "2008-07-11T25:19:53Z", "2008-07-11T13:19:53+19:00",
            "2008-07-11T13:19:53-08:0x", "2008-07-11 13:19:53Z", "yesterday", "", "2008-07-11T13:19:53-08"})
    void refusesWhatIsNotADateTime(String text) {
        Optional<PhoneTimestamps.PhoneTime> parsed = PhoneTimestamps.parse(text);
        // "-08" (hours only) is valid ISO-8601 for the general parser; everything else here is not
        if (text.endsWith("-08")) {
            assertThat(parsed).map(PhoneTimestamps.PhoneTime::utcOffset).contains("-08:00");
        } else {
            assertThat(parsed).isEmpty();
        }
    }
}
