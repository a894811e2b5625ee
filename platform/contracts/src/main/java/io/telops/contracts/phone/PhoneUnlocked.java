package io.telops.contracts.phone;

import java.time.Instant;

/** The phone was unlocked (Poly PhoneUnlockedEvent). */
public record PhoneUnlocked(String mac, String phoneIp, Instant occurredAt, String utcOffset) implements PhoneEvent {
}
