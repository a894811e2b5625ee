package io.telops.dashboard.callforward;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.quarkus.qute.TemplateData;
import io.telops.dashboard.ui.Durations;

/**
 * One inbound call of a line: who called which number, each Dial leg tried in order with its DialStatus, the
 * voicemail if one was left, and the outcome once Plivo reported the hangup. {@code path} is the same path as
 * one line of text, e.g. {@code SIP: no-answer -> mobile: no-answer -> voicemail 0:23}.
 */
@TemplateData
public record CallView(String callUuid, Optional<String> lineId, Optional<String> lineName, Optional<String> from, Optional<String> to,
                       Optional<String> route, Instant startedAt, Optional<Instant> receivedAt, List<LegView> legs,
                       Optional<VoicemailView> voicemail, Optional<String> outcome, Optional<String> hangupCause,
                       Optional<Integer> durationSeconds, Optional<Instant> completedAt, String path) {

    static CallView of(String callUuid, Optional<String> lineId, Optional<String> lineName, Optional<String> from, Optional<String> to,
                       Optional<String> route, Instant startedAt, Optional<Instant> receivedAt, List<LegView> legs,
                       Optional<VoicemailView> voicemail, Optional<String> outcome, Optional<String> hangupCause,
                       Optional<Integer> durationSeconds, Optional<Instant> completedAt) {
        String path = steps(route, legs, voicemail, outcome).stream().map(PathStep::text).collect(Collectors.joining(" -> "));
        return new CallView(callUuid, lineId, lineName, from, to, route, startedAt, receivedAt, List.copyOf(legs), voicemail,
                outcome, hangupCause, durationSeconds, completedAt, path);
    }

    /** The steps of the path, for the page. */
    public List<PathStep> steps() {
        return steps(route, legs, voicemail, outcome);
    }

    public boolean hasLine() {
        return lineId.isPresent();
    }

    public String lineText() {
        return lineName.or(() -> lineId).orElse("no line");
    }

    public String lineHref() {
        return lineId.map(LineView::href).orElse("");
    }

    public String fromText() {
        return from.orElse("unknown caller");
    }

    public String toText() {
        return to.orElse("");
    }

    public String outcomeText() {
        return outcome.orElse("in progress");
    }

    public String durationText() {
        return durationSeconds.map(CallView::minutesSeconds).orElse("");
    }

    static List<PathStep> steps(Optional<String> route, List<LegView> legs, Optional<VoicemailView> voicemail,
                                Optional<String> outcome) {
        List<PathStep> steps = new ArrayList<>();
        route.filter(r -> r.startsWith("rejected") || r.equals("unknown-number"))
                .ifPresent(r -> steps.add(new PathStep("rejected", r.replace('-', ' '))));
        for (LegView leg : legs) {
            steps.add(new PathStep(leg.answered() ? "answered" : "unanswered", leg.label() + ": " + leg.dialStatus()));
        }
        if (voicemail.isPresent()) {
            steps.add(new PathStep("voicemail", "voicemail " + voicemail.get().durationText()));
        } else if (route.filter(r -> r.startsWith("voicemail")).isPresent()
                || legs.stream().anyMatch(l -> l.next().filter("voicemail"::equals).isPresent())) {
            // sent to voicemail; no recording (yet, or the caller hung up before the beep)
            steps.add(new PathStep("voicemail", outcome.isPresent() ? "voicemail: nothing recorded" : "voicemail"));
        }
        if (steps.isEmpty()) {
            steps.add(new PathStep("pending", outcome.orElse("ringing")));
        }
        return steps;
    }

    static String minutesSeconds(int seconds) {
        return Durations.clock(seconds);
    }
}
