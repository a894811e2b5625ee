package io.telops.contracts.callforward;

import java.time.Instant;

/** A Plivo number was bought for a line and linked to the Plivo application. */
public record NumberRented(String lineId, String number, String purpose, String appId, Instant occurredAt) implements CallForwardEvent {
}
