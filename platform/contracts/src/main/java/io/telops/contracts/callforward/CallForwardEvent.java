package io.telops.contracts.callforward;

import java.time.Instant;

/**
 * What call-forward-service tells the platform about forwarding lines, their Plivo numbers and the calls
 * they receive. Published on {@code telops.call-events}: call-scoped events keyed by the Plivo CallUUID,
 * line and number events keyed by line id.
 */
public sealed interface CallForwardEvent permits CallReceived, CallForwarded, VoicemailRecorded, SmsSent, SmsFailed, SmsStatusReported, CallCompleted, NumberRented, NumberReleased, LineChanged {
    Instant occurredAt();
}
