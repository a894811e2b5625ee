package io.telops.billing.ledger;

/** The kinds of ledger entries; the sign of the amount is part of the entry. VOUCHER: a redeemed voucher's credit. */
public enum EntryKind { TOPUP, DEBIT, ADJUSTMENT, RESERVATION, RELEASE, VOUCHER }
