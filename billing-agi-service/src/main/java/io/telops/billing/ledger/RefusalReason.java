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
    DUPLICATE_CALL("billing/duplicate-call"),
    /** The destination's rate needs a permission (premium, international ...) the account does not hold. */
    DESTINATION_NOT_PERMITTED("billing/destination-needs-permission"),
    /** The account already has its maximum number of calls in progress. */
    CONCURRENT_CALLS_LIMIT("billing/too-many-calls"),
    /** Debits of the last hour plus holds of calls in progress leave no affordable call under the hourly limit. */
    HOURLY_SPEND_LIMIT("billing/hourly-limit-reached"),
    /** The same against the daily (24 h) limit. */
    DAILY_SPEND_LIMIT("billing/daily-limit-reached");

    private final String prompt;

    RefusalReason(String prompt) {
        this.prompt = prompt;
    }

    public String prompt() {
        return prompt;
    }
}
