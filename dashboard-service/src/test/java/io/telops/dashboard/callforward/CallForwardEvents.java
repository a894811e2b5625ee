package io.telops.dashboard.callforward;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.telops.contracts.callforward.CallCompleted;
import io.telops.contracts.callforward.CallForwardEvent;
import io.telops.contracts.callforward.CallForwardEventTypes;
import io.telops.contracts.callforward.CallForwarded;
import io.telops.contracts.callforward.CallReceived;
import io.telops.contracts.callforward.DialLeg;
import io.telops.contracts.callforward.LineChanged;
import io.telops.contracts.callforward.NumberReleased;
import io.telops.contracts.callforward.NumberRented;
import io.telops.contracts.callforward.SmsSent;
import io.telops.contracts.callforward.VoicemailRecorded;
import io.telops.dashboard.CloudEventProducer;

/**
 * Builds call-forward events the way call-forward-service publishes them (records serialised with EventJson,
 * call events keyed by CallUUID, line and number events by line id) and checks every body against its schema
 * before it goes to the broker.
 */
final class CallForwardEvents {
    private CallForwardEvents() {
    }

    static String publish(CloudEventProducer producer, CallForwardEvent event) {
        String id = UUID.randomUUID().toString();
        publish(producer, id, event);
        return id;
    }

    static void publish(CloudEventProducer producer, String id, CallForwardEvent event) {
        producer.publishChecked(key(event), id, CallForwardEventTypes.of(event), event, event.occurredAt());
    }

    /** The key call-forward-service's outbox uses: the line id for line and number events, the CallUUID otherwise. */
    static String key(CallForwardEvent event) {
        boolean lineScoped = event instanceof LineChanged || event instanceof NumberRented || event instanceof NumberReleased;
        String component = lineScoped ? "lineId" : "callUuid";
        try {
            return (String) event.getClass().getMethod(component).invoke(event);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(event.getClass().getName() + " has no " + component, e);
        }
    }

    static String lineId() {
        return "line-" + UUID.randomUUID();
    }

    static String callUuid() {
        return UUID.randomUUID().toString();
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    static LineChanged line(String lineId, String name, String status, long version, Instant at) {
        boolean released = "released".equals(status);
        return new LineChanged(lineId, name, "Owner of " + name, status,
                released ? Optional.empty() : Optional.of("14155550100"), released ? Optional.empty() : Optional.of("14155550199"),
                Optional.of("sip:owner@phone.plivo.com"), Optional.of("+4915112345678"), "sequential", true, version, at);
    }

    static CallReceived received(String call, String lineId, String from, Instant at) {
        return new CallReceived(call, Optional.of(lineId), from, "14155550100", "forward", at);
    }

    static CallForwarded dialled(String call, String lineId, String leg, String status, String next, Instant at) {
        String target = leg.equals("sip") ? "sip:owner@phone.plivo.com" : "+4915112345678";
        boolean answered = status.equals("completed");
        return new CallForwarded(call, lineId, leg, List.of(target), status,
                Optional.of(answered ? "NORMAL_CLEARING" : "NO_ANSWER"),
                answered ? Optional.of(UUID.randomUUID().toString()) : Optional.empty(), next, at);
    }

    static DialLeg leg(String leg, String status) {
        return new DialLeg(leg, Optional.of(leg.equals("sip") ? "sip:owner@phone.plivo.com" : "+4915112345678"), status);
    }

    static CallCompleted completed(String call, String lineId, String outcome, List<DialLeg> path, int seconds, Instant at) {
        return new CallCompleted(call, Optional.of(lineId), outcome, path, Optional.of("NORMAL_CLEARING"), seconds, at);
    }

    static VoicemailRecorded voicemail(String call, String lineId, String recordingId, String url, int seconds, String caller, Instant at) {
        return new VoicemailRecorded(call, lineId, recordingId, url, seconds, caller, at);
    }

    static SmsSent smsSent(String call, String lineId, String recordingId, Instant at) {
        return new SmsSent(call, lineId, "vm-" + recordingId, recordingId, "+4915112345678", UUID.randomUUID().toString(), 1, at);
    }
}
