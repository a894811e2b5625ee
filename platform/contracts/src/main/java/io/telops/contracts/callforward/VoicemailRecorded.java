package io.telops.contracts.callforward;

import java.time.Instant;

/** The caller left a voicemail (Plivo Record action). */
public record VoicemailRecorded(String callUuid, String lineId, String recordingId, String recordUrl, int durationSeconds, String caller, Instant occurredAt) implements CallForwardEvent {
}
