package io.telops.dashboard.callforward;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** How a call's path, durations, SMS state and recording links are rendered, without a database. */
class CallPathTest {
    private static final Instant T = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void pathsReadLegByLegAndEndInVoicemailWithItsLength() {
        assertThat(call(Optional.of("forward"), List.of(leg("sip", "completed", "hangup")), Optional.empty()).path())
                .isEqualTo("SIP: completed");
        assertThat(call(Optional.of("forward"), List.of(leg("sip", "no-answer", "mobile"), leg("mobile", "completed", "hangup")),
                Optional.empty()).path()).isEqualTo("SIP: no-answer -> mobile: completed");
        CallView voicemail = call(Optional.of("forward"), List.of(leg("sip", "no-answer", "mobile"), leg("mobile", "busy", "voicemail")),
                Optional.of(voicemail("https://media.plivo.com/r.mp3", 83)));
        assertThat(voicemail.path()).isEqualTo("SIP: no-answer -> mobile: busy -> voicemail 1:23");
        assertThat(voicemail.steps()).extracting(PathStep::kind).containsExactly("unanswered", "unanswered", "voicemail");
        assertThat(call(Optional.of("forward"), List.of(leg("simultaneous", "timeout", "voicemail")), Optional.empty()).path())
                .isEqualTo("SIP + mobile: timeout -> voicemail");
        assertThat(call(Optional.of("voicemail-after-hours"), List.of(), Optional.of(voicemail("https://x.example/r.mp3", 5))).path())
                .isEqualTo("voicemail 0:05");
        assertThat(call(Optional.of("rejected-blocked"), List.of(), Optional.empty()).path()).isEqualTo("rejected blocked");
        assertThat(call(Optional.empty(), List.of(), Optional.empty()).path()).isEqualTo("ringing");
    }

    @Test
    void onlyHttpLinksArePlayable() {
        assertThat(voicemail("https://media.plivo.com/r.mp3", 1).playable()).isTrue();
        assertThat(voicemail("HTTP://media.plivo.com/r.mp3", 1).playable()).isTrue();
        assertThat(voicemail("javascript:alert(1)", 1).playable()).isFalse();
        assertThat(voicemail("data:audio/mp3;base64,AAAA", 1).playable()).isFalse();
        assertThat(voicemail(" https://media.plivo.com/r.mp3", 1).playable()).isFalse();
        assertThat(voicemail("https:///etc/passwd", 1).playable()).isFalse();
        assertThat(voicemail("//evil.example/r.mp3", 1).playable()).isFalse();
        assertThat(voicemail("recording-123", 1).playable()).isFalse();
    }

    @Test
    void smsStateReadsAsOneLine() {
        VoicemailView failed = new VoicemailView("r", "c", "l", Optional.empty(), "", 3, "https://x.example/r", T, "failed", Optional.of("+49"),
                Optional.of(6), Optional.of("Plivo 400"), Optional.empty(), Optional.empty());
        assertThat(failed.smsText()).isEqualTo("SMS failed: Plivo 400");
        assertThat(failed.callerText()).isEqualTo("unknown caller");
        VoicemailView delivered = new VoicemailView("r", "c", "l", Optional.empty(), "+4930", 3, "https://x.example/r", T, "sent", Optional.of("+49"),
                Optional.of(1), Optional.empty(), Optional.of("undelivered"), Optional.of("30008"));
        assertThat(delivered.smsText()).isEqualTo("SMS sent (undelivered 30008)");
        assertThat(LineView.href("a b/c")).isEqualTo("/call-forward/lines/a%20b%2Fc");
    }

    private static LegView leg(String leg, String status, String next) {
        return new LegView(leg, Optional.of("sip:x@y"), status, Optional.empty(), Optional.of(next), Optional.of(T));
    }

    private static VoicemailView voicemail(String url, int seconds) {
        return new VoicemailView("r", "c", "l", Optional.empty(), "+4930", seconds, url, T, "pending", Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static CallView call(Optional<String> route, List<LegView> legs, Optional<VoicemailView> voicemail) {
        return CallView.of("c", Optional.of("l"), Optional.of("Sales"), Optional.of("+4930"), Optional.of("+1415"), route, T, Optional.of(T), legs,
                voicemail, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
