package io.telops.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {
    @ParameterizedTest
    @ValueSource(strings = {"0004f214b89e", "00:04:F2:14:B8:9E", "00-04-f2-14-b8-9e", "0004.f214.b89e", " 0004F214B89E\n"})
    void normalisesEverySpelling(String raw) {
        assertThat(MacAddress.normalise(raw)).isEqualTo("0004F214B89E");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0004f214b89", "0004f214b89e0", "0004f214b89g", "../../etc/passwd", "00:04:f2:14:b8"})
    void rejectsWhatIsNotAMac(String raw) {
        assertThatThrownBy(() -> MacAddress.normalise(raw)).isInstanceOf(IllegalArgumentException.class);
    }
}
