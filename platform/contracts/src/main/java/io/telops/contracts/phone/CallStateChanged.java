package io.telops.contracts.phone;

import java.time.Instant;
import java.util.Optional;

/** A call on the phone changed state (Poly CallStateChangeEvent): Dialtone, Setup, Ringback, Offering, Connected, Hold, Held, Free, Disconnected... */
public record CallStateChanged(String mac, String phoneIp, Instant occurredAt, String utcOffset, String callReference, String callState, Optional<Integer> lineNumber,
        Optional<String> lineDirNumber, Optional<String> callType, Optional<Party> callingParty,
        Optional<Party> calledParty, Optional<Integer> durationSeconds) implements PhoneEvent {
}
