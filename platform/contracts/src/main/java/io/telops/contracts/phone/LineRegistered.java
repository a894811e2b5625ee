package io.telops.contracts.phone;

import java.time.Instant;
import java.util.Optional;

/** A line registered with its SIP server (Poly LineRegistrationEvent). */
public record LineRegistered(String mac, String phoneIp, Instant occurredAt, String utcOffset, Optional<Integer> lineNumber, Optional<String> lineAddress) implements PhoneEvent {
}
