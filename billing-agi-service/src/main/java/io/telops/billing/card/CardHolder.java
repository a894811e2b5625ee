package io.telops.billing.card;

/** The account a card (or a caller) was found to be, with its balance at that moment. */
public record CardHolder(long accountId, String username, String clid, long balanceMinor) {
}
