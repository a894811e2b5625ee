package io.telops.billing.ledger;

/** OPEN holds money; SETTLED was billed (once); EXPIRED was released by the sweeper after limit + grace. */
public enum ReservationState { OPEN, SETTLED, EXPIRED }
