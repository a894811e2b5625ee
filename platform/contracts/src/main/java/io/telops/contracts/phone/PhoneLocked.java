package io.telops.contracts.phone;

import java.time.Instant;

/** The phone was locked (Poly PhoneLockedEvent). */
public record PhoneLocked(String mac, String phoneIp, Instant occurredAt, String utcOffset) implements PhoneEvent {
}
