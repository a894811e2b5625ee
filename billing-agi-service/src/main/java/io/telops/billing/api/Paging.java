package io.telops.billing.api;

import io.telops.billing.ledger.LedgerRejection;

/** Page sizes of list endpoints: 1 to 1000. */
final class Paging {
    private Paging() {
    }

    static int limit(int requested) {
        if (requested < 1 || requested > 1000) {
            throw LedgerRejection.invalid("limit: 1 to 1000");
        }
        return requested;
    }
}
