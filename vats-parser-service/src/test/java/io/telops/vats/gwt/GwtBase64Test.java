package io.telops.vats.gwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class GwtBase64Test {
    @Test
    void decodesTheIdsSeenInMtsPayloads() {
        assertThat(GwtBase64.decode("CaONxK")).isEqualTo(2587417674L);
        assertThat(GwtBase64.decode("CbwhyN")).isEqualTo(2613189773L);
        assertThat(GwtBase64.decode("CdI_zY")).isEqualTo(2636381400L);
        assertThat(GwtBase64.decode("Bk")).isEqualTo(100L);
        assertThat(GwtBase64.decode("K")).isEqualTo(10L);
        assertThat(GwtBase64.decode("A")).isZero();
        assertThat(GwtBase64.decode("B")).isEqualTo(1L);
    }

    @Test
    void encodesWithoutLeadingZeroDigits() {
        assertThat(GwtBase64.encode(2587417674L)).isEqualTo("CaONxK");
        assertThat(GwtBase64.encode(100)).isEqualTo("Bk");
        assertThat(GwtBase64.encode(0)).isEqualTo("A");
        assertThat(GwtBase64.encode(63)).isEqualTo("_");
        assertThat(GwtBase64.encode(62)).isEqualTo("$");
        assertThat(GwtBase64.encode(64)).isEqualTo("BA");
    }

    @Test
    void negativesUseAllElevenDigits() {
        assertThat(GwtBase64.encode(-1)).isEqualTo("P__________");
        assertThat(GwtBase64.encode(Long.MIN_VALUE)).isEqualTo("IAAAAAAAAAA");
        assertThat(GwtBase64.decode("P__________")).isEqualTo(-1L);
        assertThat(GwtBase64.decode(GwtBase64.encode(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void roundTripsRandomValues() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong();
            assertThat(GwtBase64.decode(GwtBase64.encode(value))).isEqualTo(value);
        }
    }

    @Test
    void rejectsWhatIsNotBase64() {
        assertThatThrownBy(() -> GwtBase64.decode("")).isInstanceOf(GwtRpcFormatException.class);
        assertThatThrownBy(() -> GwtBase64.decode("Ca-NxK")).isInstanceOf(GwtRpcFormatException.class);
        assertThatThrownBy(() -> GwtBase64.decode("AAAAAAAAAAAA")).isInstanceOf(GwtRpcFormatException.class);
        // eleven digits carry 64 bits only if the first digit is below 16
        assertThatThrownBy(() -> GwtBase64.decode("Q__________")).isInstanceOf(GwtRpcFormatException.class);
    }
}
