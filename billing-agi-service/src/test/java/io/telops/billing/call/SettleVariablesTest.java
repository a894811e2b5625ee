package io.telops.billing.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.telops.billing.agi.AgiReply;
import io.telops.billing.ledger.CallEnd;

/** The length-prefixed settle reply: exact values whatever they hold, and absent rather than garbage otherwise. */
class SettleVariablesTest {
    private static CallEnd parse(String data) {
        return SettleVariables.parse(new AgiReply.Success(1, Optional.of(data), Optional.empty()));
    }

    @Test
    void aValueMayHoldDigitsColonsAndBarsWithoutShiftingTheOthers() {
        CallEnd end = parse("2:613:1006:ANSWER2:1617:5:1|2@h:5062)x(9q0:5:12345");
        assertThat(end).isEqualTo(new CallEnd(61, Optional.of(100), Optional.of("ANSWER"), Optional.of(16),
                Optional.of("5:1|2@h:5062)x(9q"), Optional.empty(), Optional.of("12345")));
    }

    @Test
    void lengthsCountBytesAsAsteriskLenDoesAndANonAsciiPeerIsAbsent() {
        // "é" is two bytes: LEN() says 3 for "aé"; the peer is refused by its shape, the IMSI after it still parses
        CallEnd end = parse("1:70:0:0:3:aé5:123450:");
        assertThat(end.billsec()).isEqualTo(7);
        assertThat(end.dialledPeer()).isEmpty();
        assertThat(end.callerImsi()).contains("12345");
    }

    @Test
    void aBrokenPrefixOrATruncatedReplyLeavesTheRestAbsent() {
        assertThat(parse("2:61x:5")).isEqualTo(CallEnd.billsec(61));
        assertThat(parse("2:619999:ANSWER")).isEqualTo(CallEnd.billsec(61));
        assertThat(parse("99999999:1")).isEqualTo(CallEnd.billsec(0));
        assertThat(parse("")).isEqualTo(CallEnd.billsec(0));
    }

    @Test
    void noChannelOrAnErrorReplyMeansZeroSecondsAndNothingElse() {
        assertThat(SettleVariables.parse(new AgiReply.Success(0, Optional.empty(), Optional.empty()))).isEqualTo(CallEnd.billsec(0));
        assertThat(SettleVariables.parse(new AgiReply.InvalidCommand("Invalid or unknown command"))).isEqualTo(CallEnd.billsec(0));
    }

    @Test
    void outOfShapeValuesAreAbsent() {
        CallEnd end = parse("2:-13:9.56:answer4:1600" + "3:a b" + "21:123456789012345678901" + "0:");
        assertThat(end).isEqualTo(CallEnd.billsec(0));
    }
}
