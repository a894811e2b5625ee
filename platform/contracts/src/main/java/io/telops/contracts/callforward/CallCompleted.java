package io.telops.contracts.callforward;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Plivo reported the hangup of the inbound call; outcome and path summarise it. */
public record CallCompleted(String callUuid, Optional<String> lineId, String outcome, List<DialLeg> path, Optional<String> hangupCause, int durationSeconds, Instant occurredAt) implements CallForwardEvent {
}
