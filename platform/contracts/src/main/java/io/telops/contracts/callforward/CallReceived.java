package io.telops.contracts.callforward;

import java.time.Instant;
import java.util.Optional;

/** Plivo asked the answer URL for a call to one of our numbers; route says what the service answered. */
public record CallReceived(String callUuid, Optional<String> lineId, String from, String to, String route, Instant occurredAt) implements CallForwardEvent {
}
