package io.telops.contracts.callforward;

import java.time.Instant;

/** The voicemail notification SMS was accepted by the Plivo Message API. */
public record SmsSent(String callUuid, String lineId, String smsId, String recordingId, String to, String messageUuid, int attempts, Instant occurredAt) implements CallForwardEvent {
}
