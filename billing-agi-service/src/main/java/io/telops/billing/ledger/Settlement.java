package io.telops.billing.ledger;

/** The outcome of settling a call. */
public sealed interface Settlement {
    /** Billed; {@code repeated} when this uniqueid had been settled before (nothing debited this time). */
    record Settled(long accountId, int billsec, int billedSeconds, long amountMinor, long releasedMinor,
                   boolean repeated) implements Settlement {
    }

    /** No reservation exists for this uniqueid (never authorised here): nothing to bill. */
    record NoReservation(String callUniqueId) implements Settlement {
    }
}
