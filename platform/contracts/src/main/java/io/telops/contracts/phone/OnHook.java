package io.telops.contracts.phone;

import java.time.Instant;

/** The phone went back on hook (Poly OnHookEvent). */
public record OnHook(String mac, String phoneIp, Instant occurredAt, String utcOffset) implements PhoneEvent {
}
