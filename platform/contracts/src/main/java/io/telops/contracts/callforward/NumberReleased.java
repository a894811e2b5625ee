package io.telops.contracts.callforward;

import java.time.Instant;

/** A Plivo number of a line was unrented (line released or rental rolled back). */
public record NumberReleased(String lineId, String number, String purpose, String reason, Instant occurredAt) implements CallForwardEvent {
}
