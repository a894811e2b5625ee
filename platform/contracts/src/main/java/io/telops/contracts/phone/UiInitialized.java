package io.telops.contracts.phone;

import java.time.Instant;

/** The phone finished booting its user interface (Poly UIInitializationEvent). */
public record UiInitialized(String mac, String phoneIp, Instant occurredAt, String utcOffset) implements PhoneEvent {
}
