package io.telops.contracts.phone;

import java.time.Instant;
import java.util.Optional;

/** A line lost or gave up its registration (Poly LineUnRegistrationEvent). */
public record LineUnregistered(String mac, String phoneIp, Instant occurredAt, String utcOffset, Optional<Integer> lineNumber, Optional<String> lineAddress) implements PhoneEvent {
}
