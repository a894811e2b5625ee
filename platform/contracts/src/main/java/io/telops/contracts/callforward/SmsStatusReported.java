package io.telops.contracts.callforward;

import java.time.Instant;
import java.util.Optional;

/** Plivo reported a delivery status for a notification SMS (messaging callback, signature V2). */
public record SmsStatusReported(String callUuid, String lineId, String smsId, String messageUuid, String status, Optional<String> errorCode, Instant occurredAt) implements CallForwardEvent {
}
