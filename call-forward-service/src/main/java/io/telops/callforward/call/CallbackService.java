package io.telops.callforward.call;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.telops.callforward.config.CallForwardConfig;
import io.telops.callforward.events.EventIds;
import io.telops.callforward.events.Outbox;
import io.telops.callforward.line.ForwardingLine;
import io.telops.callforward.line.LineCache;
import io.telops.callforward.line.LineStatus;
import io.telops.callforward.plivoxml.PlivoElement.Hangup;
import io.telops.callforward.plivoxml.PlivoResponse;
import io.telops.callforward.sms.SmsJobs;
import io.telops.callforward.sms.SmsJobs.SmsJob;
import io.telops.contracts.callforward.CallCompleted;
import io.telops.contracts.callforward.CallForwarded;
import io.telops.contracts.callforward.CallReceived;
import io.telops.contracts.callforward.DialLeg;
import io.telops.contracts.callforward.SmsStatusReported;
import io.telops.contracts.callforward.VoicemailRecorded;

/**
 * Handles Plivo's voice callbacks once their signature was verified: decides the XML with {@link CallFlow} and
 * records what happened. Each write is idempotent (upsert, or insert under an id derived from Plivo's ids) and
 * the event goes to the outbox before the answer leaves, so a retried callback changes nothing and loses nothing.
 */
@ApplicationScoped
public class CallbackService {
    private static final Logger LOG = Logger.getLogger(CallbackService.class);
    private final LineCache lines;
    private final CallLog calls;
    private final Voicemails voicemails;
    private final SmsJobs sms;
    private final Outbox outbox;
    private final MeterRegistry metrics;
    private final Duration replayWindow;
    private final Unreachable unreachable;
    private final Clock clock = Clock.systemUTC();

    CallbackService(LineCache lines, CallLog calls, Voicemails voicemails, SmsJobs sms, Outbox outbox, MeterRegistry metrics,
                    CallForwardConfig config) {
        this.lines = lines;
        this.calls = calls;
        this.voicemails = voicemails;
        this.sms = sms;
        this.outbox = outbox;
        this.metrics = metrics;
        this.replayWindow = config.plivo().replayWindow();
        this.unreachable = Unreachable.from(config.unreachable());
    }

    public PlivoResponse answer(Map<String, String> p, CallbackUrls urls) {
        String callUuid = required(p, "CallUUID");
        String from = p.getOrDefault("From", "");
        String to = p.getOrDefault("To", "");
        Instant now = clock.instant();
        Optional<ForwardingLine> line = lines.activeByNumber(to);
        CallFlow.Answer answer = CallFlow.answer(line, from, to, now, urls, unreachable);
        Optional<String> lineId = line.map(ForwardingLine::id);
        calls.received(callUuid, lineId, from, to, answer.route(), now);
        outbox.add(EventIds.of("received", callUuid), callUuid, new CallReceived(callUuid, lineId, from, to, answer.route().wire(), now));
        metrics.counter("callforward.calls", "route", answer.route().wire()).increment();
        return answer.xml();
    }

    public PlivoResponse dialled(String lineId, String legName, Map<String, String> p, CallbackUrls urls) {
        String callUuid = required(p, "CallUUID");
        Leg leg = Leg.fromWire(legName).orElseThrow(() -> new IllegalArgumentException("unknown leg " + legName));
        Optional<ForwardingLine> found = lines.byId(lineId);
        if (found.isEmpty()) {
            return PlivoResponse.of(Hangup.normal());
        }
        ForwardingLine line = found.get();
        String raw = p.getOrDefault("DialStatus", "");
        // an unknown status is treated as a failed leg: the caller moves on rather than being dropped
        DialStatus status = DialStatus.fromWire(raw).orElseGet(() -> {
            LOG.warnf("call %s: unknown DialStatus '%s' treated as failed", callUuid, raw);
            return DialStatus.FAILED;
        });
        CallFlow.Step step = CallFlow.afterDial(line, leg, status, p.getOrDefault("From", ""), urls, unreachable);
        Instant now = clock.instant();
        List<String> targets = CallFlow.targets(line, leg);
        Optional<String> cause = nonBlank(p.get("DialHangupCause"));
        Optional<String> bLeg = nonBlank(p.get("DialBLegUUID"));
        calls.dialled(callUuid, lineId, leg, targets, status.wire(), cause, bLeg, now);
        outbox.add(EventIds.of("forwarded", callUuid, leg.wire()), callUuid, new CallForwarded(callUuid, lineId, leg.wire(),
                targets.isEmpty() ? List.of("none") : targets, status.wire(), cause, bLeg, step.next().wire(), now));
        metrics.counter("callforward.dials", "leg", leg.wire(), "status", status.wire()).increment();
        return step.xml();
    }

    public PlivoResponse recorded(String lineId, Map<String, String> p, CallbackUrls urls) {
        String callUuid = required(p, "CallUUID");
        Optional<ForwardingLine> found = lines.byId(lineId);
        if (found.isEmpty()) {
            return PlivoResponse.of(Hangup.normal());
        }
        ForwardingLine line = found.get();
        if (line.status() != LineStatus.ACTIVE) {
            // released mid-call: its numbers are gone, so no voicemail is kept and no SMS could be sent from them
            LOG.infof("call %s: recording for line %s, which is %s, not kept", callUuid, lineId, line.status());
            return CallFlow.goodbye(line);
        }
        // current Plivo sends RecordUrl; the open-source ancestor sent RecordFile
        Optional<String> url = nonBlank(p.get("RecordUrl")).or(() -> nonBlank(p.get("RecordFile")));
        int duration = parseInt(p.get("RecordingDuration"));
        if (url.isEmpty() || duration <= 0) {
            LOG.infof("call %s: caller left no message", callUuid);
            return CallFlow.afterRecording(line);
        }
        String recordingId = nonBlank(p.get("RecordingID")).orElse(callUuid);
        String caller = p.getOrDefault("From", "");
        Instant now = clock.instant();
        String smsId = "vm-" + recordingId;
        boolean first = voicemails.add(new Voicemails.Voicemail(recordingId, lineId, callUuid, caller, url.get(), duration, now, smsId));
        calls.voicemail(callUuid, lineId, recordingId);
        line.settings().mobile().ifPresent(mobile -> sms.enqueue(new SmsJob(smsId, lineId, callUuid, recordingId,
                line.forwardNumber().orElse(""), mobile, smsText(line, caller, duration, url.get()),
                Optional.of(urls.messageStatus(smsId).toString()), SmsJobs.Status.PENDING, 0, Optional.empty(),
                Optional.empty(), Optional.empty()), now));
        outbox.add(EventIds.of("voicemail", recordingId), callUuid,
                new VoicemailRecorded(callUuid, lineId, recordingId, url.get(), duration, caller, now));
        if (first) {
            metrics.counter("callforward.voicemails").increment();
        }
        return CallFlow.afterRecording(line);
    }

    public PlivoResponse hangup(Map<String, String> p) {
        String callUuid = required(p, "CallUUID");
        Instant now = clock.instant();
        Optional<String> cause = nonBlank(p.get("HangupCause"));
        int duration = Math.max(0, parseInt(p.get("Duration")));
        calls.hungUp(callUuid, cause, duration, now);
        Document call = calls.find(callUuid).orElseThrow();
        List<DialLeg> path = CallLog.path(call);
        String route = Optional.ofNullable(call.getString("route")).orElse("");
        String outcome = route.startsWith("rejected") || route.equals("unknown-number") ? "rejected"
                : call.getString("recordingId") != null ? "voicemail"
                : path.stream().anyMatch(l -> l.dialStatus().equals("completed")) ? "answered" : "missed";
        outbox.add(EventIds.of("completed", callUuid), callUuid, new CallCompleted(callUuid,
                Optional.ofNullable(call.getString("lineId")), outcome, path, cause, duration, now));
        return PlivoResponse.of();
    }

    public PlivoResponse whisper(String lineId) {
        return lines.byId(lineId).map(CallFlow::whisper).orElseGet(PlivoResponse::of);
    }

    /**
     * A delivery report for one of our SMS (messaging callback, signature V2 and nonce checked by the caller). It counts
     * only for the message Plivo accepted for this job, while that SMS has no final status and is within the replay
     * window; anything else is answered 200 and changes nothing, so Plivo does not retry it.
     */
    public void messageStatus(String smsId, Map<String, String> p) {
        Optional<String> messageUuid = nonBlank(p.get("MessageUUID"));
        String status = p.getOrDefault("Status", "");
        Optional<SmsJob> job = sms.find(smsId);
        if (job.isEmpty() || messageUuid.isEmpty() || !status.matches("[a-z_]{1,32}")) {
            LOG.infof("status report for SMS %s ignored: unknown SMS, no MessageUUID or bad Status", smsId);
            return;
        }
        Instant now = clock.instant();
        if (!sms.delivery(smsId, messageUuid.get(), status, now.minus(replayWindow))) {
            LOG.infof("status report '%s' for SMS %s ignored: another message, a final status already, or too late", status, smsId);
            return;
        }
        outbox.add(EventIds.of("sms-status", smsId, status), job.get().callUuid(), new SmsStatusReported(job.get().callUuid(),
                job.get().lineId(), smsId, messageUuid.get(), status, nonBlank(p.get("ErrorCode")), now));
    }

    static String smsText(ForwardingLine line, String caller, int duration, String url) {
        String who = caller.isBlank() ? "an unknown caller" : caller;
        return "New voicemail on " + line.settings().name() + " from " + who + " (" + duration + "s): " + url;
    }

    private static String required(Map<String, String> p, String name) {
        return nonBlank(p.get(name)).orElseThrow(() -> new IllegalArgumentException(name + " is missing"));
    }

    private static Optional<String> nonBlank(String s) {
        return Optional.ofNullable(s).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : (int) Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
