package io.telops.billing.card;

/** A card just issued: the only time its PIN is shown. */
public record IssuedCard(long accountId, String username, String pin) {
}
