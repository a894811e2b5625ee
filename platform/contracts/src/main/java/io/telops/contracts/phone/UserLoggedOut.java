package io.telops.contracts.phone;

import java.time.Instant;
import java.util.Optional;

/** A user logged out of the phone (Poly UserLogOutEvent). */
public record UserLoggedOut(String mac, String phoneIp, Instant occurredAt, String utcOffset, Optional<String> user) implements PhoneEvent {
}
