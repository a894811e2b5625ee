package io.telops.billing.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** GET DATA answers with the digits themselves as its result: kept as text, leading zeros, '*' and all. */
class GetDataReplyTest {
    private static AgiReply.Success success(String line) {
        return (AgiReply.Success) new AgiReplyReader().accept(line).orElseThrow();
    }

    @Test
    void keepsTheDigitsAsTextWithTheirLeadingZeros() {
        AgiReply.Success s = success("200 result=0012345");
        assertThat(s.resultText()).isEqualTo("0012345");
        assertThat(s.result()).isEqualTo(12345);
    }

    @Test
    void readsMoreDigitsThanAnIntHoldsWithoutFailing() {
        AgiReply.Success s = success("200 result=98765432109876543210");
        assertThat(s.resultText()).isEqualTo("98765432109876543210");
        assertThat(s.result()).isZero();
    }

    @Test
    void readsStarsAndAnEmptyResultOnTimeout() {
        assertThat(success("200 result=*12 (timeout)").resultText()).isEqualTo("*12");
        AgiReply.Success none = success("200 result= (timeout)");
        assertThat(none.resultText()).isEmpty();
        assertThat(none.data()).contains("timeout");
    }

    @Test
    void theThreeFieldFormStillEqualsWhatTheReaderBuilds() {
        assertThat(success("200 result=-1")).isEqualTo(new AgiReply.Success(-1, Optional.empty(), Optional.empty()));
        assertThat(success("200 result=1 (x)")).isEqualTo(new AgiReply.Success(1, Optional.of("x"), Optional.empty()));
    }

    @Test
    void stillRefusesLettersInTheResult() {
        assertThatThrownBy(() -> new AgiReplyReader().accept("200 result=12a")).isInstanceOf(AgiProtocolException.class);
    }
}
