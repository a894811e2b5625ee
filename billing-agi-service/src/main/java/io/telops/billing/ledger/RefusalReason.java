package io.telops.billing.ledger;

/** Why a call was refused, with the sound file (without extension) the caller hears. */
public enum RefusalReason {
    UNKNOWN_ACCOUNT("billing/unknown-account"),
    ACCOUNT_BLOCKED("billing/account-blocked"),
    GROUP_EXPIRED("billing/plan-expired"),
    NO_TARIFF("billing/destination-not-allowed"),
    INSUFFICIENT_BALANCE("billing/insufficient-balance"),
    /** The destination or dial target is not a plain number (or target), so nothing is priced or dialled. */
    INVALID_DESTINATION("billing/invalid-destination"),
    /** This uniqueid was authorised before: one reservation and one Dial per call. */
    DUPLICATE_CALL("billing/duplicate-call");

    private final String prompt;

    RefusalReason(String prompt) {
        this.prompt = prompt;
    }

    public String prompt() {
        return prompt;
    }
}
