package io.telops.contracts.callforward;

import java.time.Instant;
import java.util.Optional;

/** A forwarding line was created, updated or released; the full current view of it. */
public record LineChanged(String lineId, String name, String owner, String status, Optional<String> forwardNumber, Optional<String> voicemailNumber, Optional<String> sipEndpoint, Optional<String> mobile, String ringStrategy, boolean voicemailEnabled, long version, Instant occurredAt) implements CallForwardEvent {
}
