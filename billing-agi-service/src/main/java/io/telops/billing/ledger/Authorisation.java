package io.telops.billing.ledger;

import java.util.Optional;

/** The outcome of authorising a call. */
public sealed interface Authorisation {
    /** {@code lowBalance}: the balance before holds is under the account's low-balance threshold (when asked for). */
    record Granted(long accountId, String username, String tariffPrefix, int maxSeconds, long reservedMinor, boolean lowBalance)
            implements Authorisation {
        public Granted(long accountId, String username, String tariffPrefix, int maxSeconds, long reservedMinor) {
            this(accountId, username, tariffPrefix, maxSeconds, reservedMinor, false);
        }
    }

    record Refused(RefusalReason reason, Optional<Long> accountId) implements Authorisation {
    }
}
