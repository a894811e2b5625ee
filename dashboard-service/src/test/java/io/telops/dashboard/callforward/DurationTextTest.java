package io.telops.dashboard.callforward;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Call and voicemail durations read as a clock: hours only when there are any. */
class DurationTextTest {

    @ParameterizedTest
    @CsvSource({"0, 0:00", "5, 0:05", "65, 1:05", "3599, 59:59", "3600, 1:00:00", "3725, 1:02:05", "90061, 25:01:01", "-3, 0:00"})
    void aDurationReadsAsHoursMinutesSeconds(int seconds, String text) {
        assertThat(CallView.minutesSeconds(seconds)).isEqualTo(text);
    }
}
