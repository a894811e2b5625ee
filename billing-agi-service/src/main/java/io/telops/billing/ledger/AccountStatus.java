package io.telops.billing.ledger;

/** ACTIVE accounts may call; BLOCKED ones are refused; DELETED ones are kept for the ledger's history only. */
public enum AccountStatus { ACTIVE, BLOCKED, DELETED }
