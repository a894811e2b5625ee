package io.telops.contracts.phone;

import java.time.Instant;

/** A call is offered to the phone (Poly IncomingCallEvent). */
public record IncomingCall(String mac, String phoneIp, Instant occurredAt, String utcOffset, Party callingParty, Party calledParty) implements PhoneEvent {
}
