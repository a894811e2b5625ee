package io.telops.contracts.vats;

/** What became of a sync that tripped the disappearance guard. */
public enum GuardOutcome {
    /** Nothing was stored or published for the run. */
    REFUSED,
    /** An admin's one-sync override let the run through: its trunk-changed events follow. */
    OVERRIDDEN
}
