package io.telops.callforward.call;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.telops.callforward.line.CallerIdPolicy;
import io.telops.callforward.line.ForwardingLine;
import io.telops.callforward.line.Greetings;
import io.telops.callforward.line.LineSettings;
import io.telops.callforward.line.LineStatus;
import io.telops.callforward.line.PhoneNumbers;
import io.telops.callforward.line.RingStrategy;
import io.telops.callforward.plivoxml.PlivoElement;
import io.telops.callforward.plivoxml.PlivoElement.Dial;
import io.telops.callforward.plivoxml.PlivoElement.DialTarget;
import io.telops.callforward.plivoxml.PlivoElement.Hangup;
import io.telops.callforward.plivoxml.PlivoElement.Method;
import io.telops.callforward.plivoxml.PlivoElement.Number;
import io.telops.callforward.plivoxml.PlivoElement.Record;
import io.telops.callforward.plivoxml.PlivoElement.Speak;
import io.telops.callforward.plivoxml.PlivoElement.User;
import io.telops.callforward.plivoxml.PlivoResponse;

/**
 * The call flow as a pure function of a line and what Plivo reported: answer, then one Dial per step whose
 * {@code action} brings the DialStatus back here, then voicemail. Legs are chained through the action URL
 * (never listed one after another), so a caller whose answered call ended normally is hung up, not sent on.
 */
public final class CallFlow {
    private CallFlow() {
    }

    public record Answer(Route route, PlivoResponse xml, Optional<Leg> firstLeg) {
    }

    /** What follows a Dial: hang up after an answered call, ring the mobile, voicemail, or say goodbye. */
    public enum Next {
        HANGUP("hangup"), MOBILE("mobile"), VOICEMAIL("voicemail"), END("end");

        private final String wire;

        Next(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    public record Step(Next next, PlivoResponse xml) {
    }

    public static Answer answer(Optional<ForwardingLine> found, String from, String to, Instant now, CallbackUrls urls) {
        return answer(found, from, to, now, urls, Unreachable.OFF);
    }

    /** As above; {@code unreachable} is heard before voicemail outside business hours and on lines with nowhere to ring. */
    public static Answer answer(Optional<ForwardingLine> found, String from, String to, Instant now, CallbackUrls urls,
                                Unreachable unreachable) {
        Optional<ForwardingLine> active = found.filter(l -> l.status() == LineStatus.ACTIVE);
        if (active.isEmpty()) {
            return new Answer(Route.UNKNOWN_NUMBER, PlivoResponse.of(Hangup.rejected()), Optional.empty());
        }
        ForwardingLine line = active.get();
        LineSettings s = line.settings();
        switch (s.screen(from)) {
            case BLOCKED:
                return new Answer(Route.REJECTED_BLOCKED, PlivoResponse.of(Hangup.rejected()), Optional.empty());
            case NOT_ALLOWED:
                return new Answer(Route.REJECTED_NOT_ALLOWED, PlivoResponse.of(Hangup.rejected()), Optional.empty());
            default:
                break;
        }
        if (line.voicemailNumber().map(v -> v.equals(PhoneNumbers.normalise(to))).orElse(false)) {
            // the caller chose voicemail: nobody was tried, so nobody is "not reachable"
            return new Answer(Route.VOICEMAIL_NUMBER, voicemailOrGoodbye(line, urls, Unreachable.OFF), Optional.empty());
        }
        if (s.schedule().map(sch -> !sch.isOpen(now)).orElse(false)) {
            return new Answer(Route.VOICEMAIL_AFTER_HOURS, voicemailOrGoodbye(line, urls, unreachable), Optional.empty());
        }
        Optional<Leg> first = ringsAtOnce(s) ? Optional.of(Leg.SIMULTANEOUS)
                : s.sipEndpoint().isPresent() ? Optional.of(Leg.SIP)
                : s.mobile().isPresent() ? Optional.of(Leg.MOBILE) : Optional.empty();
        if (first.isEmpty()) {
            return new Answer(Route.VOICEMAIL_ONLY, voicemailOrGoodbye(line, urls, unreachable), Optional.empty());
        }
        Greetings g = s.greetings();
        return new Answer(Route.FORWARD, PlivoResponse.of(
                Speak.of(g.forwarding(), g.voice(), g.language()),
                dial(line, first.get(), from, urls)), first);
    }

    public static Step afterDial(ForwardingLine line, Leg leg, DialStatus status, String from, CallbackUrls urls) {
        return afterDial(line, leg, status, from, urls, Unreachable.OFF);
    }

    /** As above; {@code unreachable} is heard before voicemail once every leg went unanswered. */
    public static Step afterDial(ForwardingLine line, Leg leg, DialStatus status, String from, CallbackUrls urls,
                                 Unreachable unreachable) {
        if (status == DialStatus.COMPLETED) {
            return new Step(Next.HANGUP, PlivoResponse.of(Hangup.normal()));
        }
        if (line.status() != LineStatus.ACTIVE) {
            // released during the call: it rings nobody else and takes no message (the Record action would drop it)
            return new Step(Next.END, goodbye(line));
        }
        LineSettings s = line.settings();
        if (leg == Leg.SIP && s.mobile().isPresent() && !ringsAtOnce(s)) {
            return new Step(Next.MOBILE, PlivoResponse.of(dial(line, Leg.MOBILE, from, urls)));
        }
        return s.voicemailEnabled() ? new Step(Next.VOICEMAIL, voicemail(line, urls, unreachable))
                : new Step(Next.END, goodbye(line));
    }

    /** The targets a leg rings, as shown in events. */
    public static List<String> targets(ForwardingLine line, Leg leg) {
        LineSettings s = line.settings();
        return switch (leg) {
            case SIP -> s.sipEndpoint().stream().toList();
            case MOBILE -> s.mobile().stream().toList();
            case SIMULTANEOUS -> java.util.stream.Stream.concat(s.sipEndpoint().stream(), s.mobile().stream()).toList();
        };
    }

    public static PlivoResponse voicemail(ForwardingLine line, CallbackUrls urls) {
        return voicemail(line, urls, Unreachable.OFF);
    }

    /** Voicemail, after the {@code unreachable} announcement if there is one. */
    public static PlivoResponse voicemail(ForwardingLine line, CallbackUrls urls, Unreachable unreachable) {
        LineSettings s = line.settings();
        Greetings g = s.greetings();
        List<PlivoElement> elements = new ArrayList<>();
        unreachable.element().ifPresent(elements::add);
        elements.add(Speak.of(g.voicemailPrompt(), g.voice(), g.language()));
        elements.add(new Record(urls.recorded(line.id()), Method.POST, true, s.voicemailMaxSeconds(), "#", true, "mp3", 15));
        // reached only if the Record action could not be fetched; normally its answer replaces these two
        elements.add(Speak.of(g.voicemailThanks(), g.voice(), g.language()));
        elements.add(Hangup.normal());
        return new PlivoResponse(elements);
    }

    /** The Record action's answer: thank the caller and hang up. */
    public static PlivoResponse afterRecording(ForwardingLine line) {
        Greetings g = line.settings().greetings();
        return PlivoResponse.of(Speak.of(g.voicemailThanks(), g.voice(), g.language()), Hangup.normal());
    }

    /** Played to the answering party before the call is bridged (Dial confirmSound); only Speak is allowed. */
    public static PlivoResponse whisper(ForwardingLine line) {
        Greetings g = line.settings().greetings();
        return PlivoResponse.of(Speak.of(g.whisper().replace("{line}", line.settings().name()), g.voice(), g.language()));
    }

    private static PlivoResponse voicemailOrGoodbye(ForwardingLine line, CallbackUrls urls, Unreachable unreachable) {
        return line.settings().voicemailEnabled() ? voicemail(line, urls, unreachable) : goodbye(line);
    }

    /** The line's "unavailable" greeting, then hang up. */
    public static PlivoResponse goodbye(ForwardingLine line) {
        Greetings g = line.settings().greetings();
        return PlivoResponse.of(Speak.of(g.unavailable(), g.voice(), g.language()), Hangup.normal());
    }

    /**
     * One Dial for both targets. Not with the whisper: Plivo applies confirmSound/confirmKey to every target of a
     * Dial, so the SIP phone would have to press the key too; the SIP phone then rings first and the mobile, whispered, after it.
     */
    static boolean ringsAtOnce(LineSettings s) {
        return s.ringStrategy() == RingStrategy.SIMULTANEOUS && !s.whisper();
    }

    private static Dial dial(ForwardingLine line, Leg leg, String from, CallbackUrls urls) {
        LineSettings s = line.settings();
        List<DialTarget> targets = switch (leg) {
            case SIP -> List.of(new User(s.sipEndpoint().orElseThrow()));
            case MOBILE -> List.of(new Number(s.mobile().orElseThrow()));
            case SIMULTANEOUS -> List.of(new User(s.sipEndpoint().orElseThrow()), new Number(s.mobile().orElseThrow()));
        };
        int timeout = leg == Leg.MOBILE ? s.mobileTimeoutSeconds() : s.sipTimeoutSeconds();
        Optional<String> callerId = s.callerId() == CallerIdPolicy.LINE_NUMBER ? line.forwardNumber()
                : Optional.of(PhoneNumbers.normalise(from)).filter(n -> n.matches("[0-9]{3,16}"));
        Dial dial = Dial.to(targets, timeout)
                .withAction(urls.dial(line.id(), leg), Method.POST)
                .withCallerId(callerId, s.callerName());
        // the whisper keeps a mobile's own voicemail from swallowing the call: only a human presses the key
        if (s.whisper() && leg == Leg.MOBILE) {
            dial = dial.withConfirm(urls.whisper(line.id()), "1");
        }
        return dial;
    }
}
