package io.telops.billing.ledger;

import java.util.Optional;

/** The outcome of authorising a call. */
public sealed interface Authorisation {
    record Granted(long accountId, String username, String tariffPrefix, int maxSeconds, long reservedMinor)
            implements Authorisation {
    }

    record Refused(RefusalReason reason, Optional<Long> accountId) implements Authorisation {
    }
}
