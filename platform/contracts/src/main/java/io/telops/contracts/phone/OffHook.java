package io.telops.contracts.phone;

import java.time.Instant;

/** The handset or speaker went off hook (Poly OffHookEvent). */
public record OffHook(String mac, String phoneIp, Instant occurredAt, String utcOffset) implements PhoneEvent {
}
