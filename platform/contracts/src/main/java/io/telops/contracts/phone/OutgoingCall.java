package io.telops.contracts.phone;

import java.time.Instant;

/** The phone places a call (Poly OutgoingCallEvent). */
public record OutgoingCall(String mac, String phoneIp, Instant occurredAt, String utcOffset, Party callingParty, Party calledParty) implements PhoneEvent {
}
