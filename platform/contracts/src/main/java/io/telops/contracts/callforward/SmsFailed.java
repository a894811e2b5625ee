package io.telops.contracts.callforward;

import java.time.Instant;

/** The voicemail notification SMS could not be sent: attempts exhausted or a permanent error. */
public record SmsFailed(String callUuid, String lineId, String smsId, String recordingId, String to, int attempts, String reason, Instant occurredAt) implements CallForwardEvent {
}
