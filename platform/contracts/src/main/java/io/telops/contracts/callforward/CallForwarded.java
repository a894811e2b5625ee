package io.telops.contracts.callforward;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A Dial leg ended and Plivo reported its DialStatus to the action URL. */
public record CallForwarded(String callUuid, String lineId, String leg, List<String> targets, String dialStatus, Optional<String> dialHangupCause, Optional<String> bLegUuid, String next, Instant occurredAt) implements CallForwardEvent {
}
