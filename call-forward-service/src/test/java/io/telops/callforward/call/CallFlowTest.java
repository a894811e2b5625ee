package io.telops.callforward.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.telops.callforward.fake.ParsedPlivoXml;
import io.telops.callforward.fake.ParsedPlivoXml.El;
import io.telops.callforward.line.CallerIdPolicy;
import io.telops.callforward.line.ForwardingLine;
import io.telops.callforward.line.LineSettings;
import io.telops.callforward.line.LineStatus;
import io.telops.callforward.line.RingStrategy;
import io.telops.callforward.line.Schedule;

class CallFlowTest {
    static final CallbackUrls URLS = new CallbackUrls(URI.create("https://forward.example.com:8443/"));
    // Wednesday 2026-11-25 15:00 in New York
    static final Instant OFFICE_HOURS = Instant.parse("2026-11-25T20:00:00Z");
    static final Instant NIGHT = Instant.parse("2026-11-26T04:00:00Z");
    static final Schedule NINE_TO_FIVE = new Schedule(ZoneId.of("America/New_York"), List.of(new Schedule.Window(
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            LocalTime.of(9, 0), LocalTime.of(17, 0))));

    static LineSettings settings(RingStrategy ring, boolean whisper, Optional<Schedule> schedule, List<String> block, List<String> allow) {
        return new LineSettings("Support desk", "alice", Optional.of("sip:alice123@phone.plivo.com"), Optional.of("+1 415 555 9911"),
                CallerIdPolicy.CALLER, Optional.of("Forward"), 15, 25, null, true, 90, schedule, block, allow, ring, whisper);
    }

    static ForwardingLine line(LineSettings s) {
        return new ForwardingLine("line-1", s, LineStatus.ACTIVE, Optional.of("14154009186"), Optional.of("14154009187"),
                Optional.of("app"), 1, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void answerSpeaksAndDialsTheSipEndpointWithAnActionUrl() {
        ForwardingLine l = line(settings(RingStrategy.SEQUENTIAL, false, Optional.of(NINE_TO_FIVE), List.of(), List.of()));
        CallFlow.Answer a = CallFlow.answer(Optional.of(l), "14155550111", "14154009186", OFFICE_HOURS, URLS);
        assertThat(a.route()).isEqualTo(Route.FORWARD);
        ParsedPlivoXml x = ParsedPlivoXml.parse(a.xml().toXml());
        assertThat(x.names()).containsExactly("Speak", "Dial");
        assertThat(x.get(0).text()).isEqualTo("Please wait while we are forwarding your call");
        El dial = x.get(1);
        assertThat(dial.attr("action")).isEqualTo("https://forward.example.com:8443/plivo/dial?line=line-1&leg=sip");
        assertThat(dial.attr("method")).isEqualTo("POST");
        assertThat(dial.attr("timeout")).isEqualTo("15");
        assertThat(dial.attr("callerId")).isEqualTo("14155550111");
        assertThat(dial.attr("callerName")).isEqualTo("Forward");
        assertThat(dial.children()).hasSize(1);
        assertThat(dial.children().get(0).name()).isEqualTo("User");
        assertThat(dial.children().get(0).text()).isEqualTo("sip:alice123@phone.plivo.com");
    }

    @Test
    void sipNoAnswerDialsTheMobileThenVoicemailAndCompletedHangsUp() {
        ForwardingLine l = line(settings(RingStrategy.SEQUENTIAL, true, Optional.empty(), List.of(), List.of()));
        for (DialStatus failed : List.of(DialStatus.NO_ANSWER, DialStatus.BUSY, DialStatus.FAILED, DialStatus.TIMEOUT)) {
            CallFlow.Step s = CallFlow.afterDial(l, Leg.SIP, failed, "14155550111", URLS);
            assertThat(s.next()).isEqualTo(CallFlow.Next.MOBILE);
            El dial = ParsedPlivoXml.parse(s.xml().toXml()).get(0);
            assertThat(dial.name()).isEqualTo("Dial");
            assertThat(dial.attr("action")).endsWith("/plivo/dial?line=line-1&leg=mobile");
            assertThat(dial.attr("timeout")).isEqualTo("25");
            assertThat(dial.attr("confirmSound")).isEqualTo("https://forward.example.com:8443/plivo/whisper?line=line-1");
            assertThat(dial.attr("confirmKey")).isEqualTo("1");
            assertThat(dial.children().get(0).name()).isEqualTo("Number");
            assertThat(dial.children().get(0).text()).isEqualTo("14155559911");

            CallFlow.Step vm = CallFlow.afterDial(l, Leg.MOBILE, failed, "14155550111", URLS);
            assertThat(vm.next()).isEqualTo(CallFlow.Next.VOICEMAIL);
            ParsedPlivoXml v = ParsedPlivoXml.parse(vm.xml().toXml());
            assertThat(v.names()).containsExactly("Speak", "Record", "Speak", "Hangup");
            assertThat(v.get(1).attrs()).containsEntry("action", "https://forward.example.com:8443/plivo/recorded?line=line-1")
                    .containsEntry("maxLength", "90").containsEntry("finishOnKey", "#").containsEntry("playBeep", "true")
                    .containsEntry("fileFormat", "mp3");
        }
        for (Leg leg : Leg.values()) {
            CallFlow.Step done = CallFlow.afterDial(l, leg, DialStatus.COMPLETED, "x", URLS);
            assertThat(done.next()).isEqualTo(CallFlow.Next.HANGUP);
            assertThat(ParsedPlivoXml.parse(done.xml().toXml()).names()).containsExactly("Hangup");
        }
    }

    @Test
    void simultaneousRingPutsBothTargetsInOneDialAndFailsOverToVoicemail() {
        ForwardingLine l = line(settings(RingStrategy.SIMULTANEOUS, false, Optional.empty(), List.of(), List.of()));
        CallFlow.Answer a = CallFlow.answer(Optional.of(l), "14155550111", "14154009186", OFFICE_HOURS, URLS);
        El dial = ParsedPlivoXml.parse(a.xml().toXml()).get(1);
        assertThat(dial.children()).extracting(El::name).containsExactly("User", "Number");
        assertThat(dial.attr("action")).endsWith("leg=simultaneous");
        assertThat(CallFlow.afterDial(l, Leg.SIMULTANEOUS, DialStatus.NO_ANSWER, "x", URLS).next()).isEqualTo(CallFlow.Next.VOICEMAIL);
    }

    @Test
    void simultaneousRingWithWhisperNeverAsksTheSipPhoneToPressAKey() {
        ForwardingLine l = line(settings(RingStrategy.SIMULTANEOUS, true, Optional.empty(), List.of(), List.of()));
        El first = ParsedPlivoXml.parse(CallFlow.answer(Optional.of(l), "14155550111", "14154009186", OFFICE_HOURS, URLS).xml().toXml()).get(1);
        CallFlow.Step afterSip = CallFlow.afterDial(l, Leg.SIP, DialStatus.NO_ANSWER, "14155550111", URLS);
        El second = ParsedPlivoXml.parse(afterSip.xml().toXml()).get(0);

        // Plivo applies confirmSound/confirmKey to every target of a Dial: the SIP phone rings in a Dial without them
        assertThat(first.children()).extracting(El::name).containsExactly("User");
        assertThat(first.attrs()).doesNotContainKeys("confirmSound", "confirmKey");
        assertThat(afterSip.next()).isEqualTo(CallFlow.Next.MOBILE);
        assertThat(second.children()).extracting(El::name).containsExactly("Number");
        assertThat(second.attr("confirmKey")).isEqualTo("1");
        assertThat(second.attr("confirmSound")).endsWith("/plivo/whisper?line=line-1");
    }

    @Test
    void aLineReleasedDuringTheCallSaysGoodbyeInsteadOfRingingOnOrRecording() {
        ForwardingLine active = line(settings(RingStrategy.SEQUENTIAL, false, Optional.empty(), List.of(), List.of()));
        ForwardingLine released = active.withStatus(LineStatus.RELEASED, Instant.EPOCH);

        CallFlow.Step step = CallFlow.afterDial(released, Leg.SIP, DialStatus.NO_ANSWER, "14155550111", URLS);

        assertThat(step.next()).isEqualTo(CallFlow.Next.END);
        assertThat(ParsedPlivoXml.parse(step.xml().toXml()).names()).containsExactly("Speak", "Hangup");
    }

    @Test
    void outsideBusinessHoursAndTheVoicemailNumberGoStraightToVoicemail() {
        ForwardingLine l = line(settings(RingStrategy.SEQUENTIAL, false, Optional.of(NINE_TO_FIVE), List.of(), List.of()));
        CallFlow.Answer night = CallFlow.answer(Optional.of(l), "14155550111", "14154009186", NIGHT, URLS);
        assertThat(night.route()).isEqualTo(Route.VOICEMAIL_AFTER_HOURS);
        assertThat(ParsedPlivoXml.parse(night.xml().toXml()).names()).containsExactly("Speak", "Record", "Speak", "Hangup");
        CallFlow.Answer vmNumber = CallFlow.answer(Optional.of(l), "14155550111", "+14154009187", OFFICE_HOURS, URLS);
        assertThat(vmNumber.route()).isEqualTo(Route.VOICEMAIL_NUMBER);
    }

    @Test
    void blockAndAllowListsRejectWithoutAnswering() {
        ForwardingLine blocked = line(settings(RingStrategy.SEQUENTIAL, false, Optional.empty(), List.of("1900*", "+1 415 555 0666"), List.of()));
        assertThat(CallFlow.answer(Optional.of(blocked), "19005551234", "14154009186", OFFICE_HOURS, URLS).route()).isEqualTo(Route.REJECTED_BLOCKED);
        CallFlow.Answer b = CallFlow.answer(Optional.of(blocked), "14155550666", "14154009186", OFFICE_HOURS, URLS);
        assertThat(b.route()).isEqualTo(Route.REJECTED_BLOCKED);
        El hangup = ParsedPlivoXml.parse(b.xml().toXml()).get(0);
        assertThat(hangup.name()).isEqualTo("Hangup");
        assertThat(hangup.attr("reason")).isEqualTo("rejected");
        assertThat(CallFlow.answer(Optional.of(blocked), "14155550111", "14154009186", OFFICE_HOURS, URLS).route()).isEqualTo(Route.FORWARD);

        ForwardingLine allow = line(settings(RingStrategy.SEQUENTIAL, false, Optional.empty(), List.of(), List.of("14155550111")));
        assertThat(CallFlow.answer(Optional.of(allow), "+1-415-555-0111", "14154009186", OFFICE_HOURS, URLS).route()).isEqualTo(Route.FORWARD);
        assertThat(CallFlow.answer(Optional.of(allow), "14155550112", "14154009186", OFFICE_HOURS, URLS).route()).isEqualTo(Route.REJECTED_NOT_ALLOWED);
        assertThat(CallFlow.answer(Optional.empty(), "14155550112", "14150000000", OFFICE_HOURS, URLS).route()).isEqualTo(Route.UNKNOWN_NUMBER);
    }

    @Test
    void overnightWindowsAndTimeZonesAreHonoured() {
        Schedule night = new Schedule(ZoneId.of("Europe/Moscow"), List.of(new Schedule.Window(Set.of(DayOfWeek.FRIDAY),
                LocalTime.of(22, 0), LocalTime.of(6, 0))));
        assertThat(night.isOpen(Instant.parse("2026-11-27T19:30:00Z"))).isTrue();  // Fri 22:30 MSK
        assertThat(night.isOpen(Instant.parse("2026-11-28T02:00:00Z"))).isTrue();  // Sat 05:00 MSK
        assertThat(night.isOpen(Instant.parse("2026-11-28T03:30:00Z"))).isFalse(); // Sat 06:30 MSK
        assertThat(night.isOpen(Instant.parse("2026-11-26T19:30:00Z"))).isFalse(); // Thu 22:30 MSK
        assertThat(NINE_TO_FIVE.isOpen(Instant.parse("2026-11-25T13:59:00Z"))).isFalse(); // 08:59 EST
        assertThat(NINE_TO_FIVE.isOpen(Instant.parse("2026-11-25T14:00:00Z"))).isTrue();  // 09:00 EST
    }

    @Test
    void callerIdPolicyLineNumberShowsTheRentedNumber() {
        LineSettings s = new LineSettings("Desk", "bob", Optional.empty(), Optional.of("14155559911"), CallerIdPolicy.LINE_NUMBER,
                Optional.empty(), 0, 0, null, false, 0, Optional.empty(), null, null, null, false);
        ForwardingLine l = line(s);
        El dial = ParsedPlivoXml.parse(CallFlow.answer(Optional.of(l), "sip:bob@x.example", "14154009186", OFFICE_HOURS, URLS).xml().toXml()).get(1);
        assertThat(dial.attr("callerId")).isEqualTo("14154009186");
        assertThat(dial.children().get(0).name()).isEqualTo("Number");
        CallFlow.Step end = CallFlow.afterDial(l, Leg.MOBILE, DialStatus.BUSY, "x", URLS);
        assertThat(end.next()).isEqualTo(CallFlow.Next.END);
        assertThat(ParsedPlivoXml.parse(end.xml().toXml()).names()).containsExactly("Speak", "Hangup");
    }
}
