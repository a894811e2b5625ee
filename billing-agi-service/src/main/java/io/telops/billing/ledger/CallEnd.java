package io.telops.billing.ledger;

import java.util.Optional;

/**
 * What Asterisk reports about a finished call at settle: {@code billsec} is billed on (0 when unknown); the rest is
 * kept on the CDR for reconciliation and is empty when the PBX did not pass it or passed something malformed.
 */
public record CallEnd(int billsec, Optional<Integer> duration, Optional<String> dialStatus, Optional<Integer> hangupCause,
                      Optional<String> dialledPeer, Optional<String> callerImsi, Optional<String> calleeImsi) {
    public CallEnd {
        billsec = Math.max(0, billsec);
    }

    /** Only the billed seconds known (the seed's settle, and tests). */
    public static CallEnd billsec(int billsec) {
        return new CallEnd(billsec, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }
}
