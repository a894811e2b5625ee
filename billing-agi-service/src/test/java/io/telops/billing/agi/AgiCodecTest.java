package io.telops.billing.agi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AgiCodecTest {
    @Test
    void readsTheHeaderBlockAsteriskSendsOnAFastAgiSocket() {
        AgiHeaderReader reader = new AgiHeaderReader(64);
        List<String> lines = List.of("agi_network: yes", "agi_network_script: authorize",
                "agi_request: agi://10.0.0.5:4573/authorize", "agi_channel: PJSIP/alice-00000001", "agi_language: en",
                "agi_type: PJSIP", "agi_uniqueid: 1700000000.1", "agi_version: 20.5.0", "agi_callerid: 5550001",
                "agi_calleridname: Alice", "agi_callingpres: 0", "agi_dnid: 4420794601234", "agi_rdnis: unknown",
                "agi_context: from-internal", "agi_extension: 4420794601234", "agi_priority: 2", "agi_enhanced: 0.0",
                "agi_accountcode: ", "agi_threadid: 140234", "agi_arg_1: 4420794601234", "agi_arg_2: PJSIP/trunk/44");
        for (String line : lines) {
            assertThat(reader.accept(line)).isEmpty();
        }
        AgiRequest req = reader.accept("").orElseThrow();
        assertThat(req.script()).isEqualTo("authorize");
        assertThat(req.uniqueId()).isEqualTo("1700000000.1");
        assertThat(req.callerId()).contains("5550001");
        assertThat(req.channel()).isEqualTo("PJSIP/alice-00000001");
        assertThat(req.arguments()).containsExactly("4420794601234", "PJSIP/trunk/44");
        assertThat(req.variable("accountcode")).isEmpty();
        assertThat(req.variables()).containsEntry("accountcode", "");
    }

    @Test
    void scriptFallsBackToTheRequestPathAndDropsTheQueryString() {
        assertThat(new AgiRequest(java.util.Map.of("request", "agi://h:4573/settle?x=1")).script()).isEqualTo("settle");
        assertThat(new AgiRequest(java.util.Map.of("network_script", "celcombiller_caller?ext=1")).script())
                .isEqualTo("celcombiller_caller");
        assertThat(new AgiRequest(java.util.Map.of("request", "agi://h:4573")).script()).isEmpty();
        assertThat(new AgiRequest(java.util.Map.of("callerid", "unknown")).callerId()).isEmpty();
    }

    @Test
    void rejectsMalformedHeaders() {
        assertThatThrownBy(() -> new AgiHeaderReader(8).accept("GET / HTTP/1.1"))
                .isInstanceOf(AgiProtocolException.class).extracting("reason").isEqualTo("malformed-header");
        assertThatThrownBy(() -> new AgiHeaderReader(8).accept(""))
                .isInstanceOf(AgiProtocolException.class).extracting("reason").isEqualTo("empty-header");
        AgiHeaderReader small = new AgiHeaderReader(2);
        small.accept("agi_a: 1");
        small.accept("agi_b: 2");
        assertThatThrownBy(() -> small.accept("agi_c: 3")).extracting("reason").isEqualTo("too-many-headers");
    }

    @Test
    void parsesEveryReplyShape() {
        AgiReplyReader r = new AgiReplyReader();
        assertThat(r.accept("200 result=1 (4420794601234)")).contains(
                new AgiReply.Success(1, Optional.of("4420794601234"), Optional.empty()));
        assertThat(r.accept("200 result=0")).contains(new AgiReply.Success(0, Optional.empty(), Optional.empty()));
        assertThat(r.accept("200 result=-1")).contains(new AgiReply.Success(-1, Optional.empty(), Optional.empty()));
        assertThat(r.accept("200 result=0 endpos=16320")).contains(
                new AgiReply.Success(0, Optional.empty(), Optional.of(16320L)));
        assertThat(r.accept("200 result=1 (value with (parens) inside) endpos=5")).contains(
                new AgiReply.Success(1, Optional.of("value with (parens) inside"), Optional.of(5L)));
        assertThat(r.accept("510 Invalid or unknown command")).contains(new AgiReply.InvalidCommand("Invalid or unknown command"));
        assertThat(r.accept("511 Command Not Permitted on a dead channel or intercept routine"))
                .contains(new AgiReply.DeadChannel("Command Not Permitted on a dead channel or intercept routine"));
        assertThat(r.accept("520-Invalid command syntax.  Proper usage follows:")).isEmpty();
        assertThat(r.accept(" Usage: GET VARIABLE <variablename>")).isEmpty();
        assertThat(r.accept("520 End of proper usage.")).contains(new AgiReply.UsageError(
                List.of("Invalid command syntax.  Proper usage follows:", " Usage: GET VARIABLE <variablename>")));
        assertThat(r.accept("200 result=1")).contains(new AgiReply.Success(1, Optional.empty(), Optional.empty()));
        assertThatThrownBy(() -> r.accept("hello")).isInstanceOf(AgiProtocolException.class);
        assertThatThrownBy(() -> r.accept("200 result=abc")).isInstanceOf(AgiProtocolException.class);
        assertThat(AgiReplyReader.isHangup("HANGUP")).isTrue();
        assertThat(AgiReplyReader.isHangup("HANGUPS")).isFalse();
    }

    @Test
    void writesCommandsQuotingOnlyWhatNeedsIt() {
        assertThat(AgiCommand.getVariable("CDR(billsec)").line()).isEqualTo("GET VARIABLE CDR(billsec)");
        assertThat(AgiCommand.exec("Dial", "PJSIP/100,60,L(120000:60000)").line())
                .isEqualTo("EXEC Dial PJSIP/100,60,L(120000:60000)");
        assertThat(AgiCommand.setVariable("NOTE", "say \"hi\" now").line())
                .isEqualTo("SET VARIABLE NOTE \"say \\\"hi\\\" now\"");
        assertThat(AgiCommand.streamFile("billing/insufficient-balance", "").line())
                .isEqualTo("STREAM FILE billing/insufficient-balance \"\"");
        assertThatThrownBy(() -> AgiCommand.setVariable("X", "a\nHANGUP")).isInstanceOf(IllegalArgumentException.class);
    }
}
