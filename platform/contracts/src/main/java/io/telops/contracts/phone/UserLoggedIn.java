package io.telops.contracts.phone;

import java.time.Instant;
import java.util.Optional;

/** A user logged in on the phone (Poly UserLogInEvent). */
public record UserLoggedIn(String mac, String phoneIp, Instant occurredAt, String utcOffset, String user) implements PhoneEvent {
}
