package io.telops.dashboard.billing;

import java.time.Instant;
import java.util.Optional;

import io.quarkus.qute.TemplateData;

/**
 * One billing event as the ledger shows it. {@code amountMinor} is the signed delta of a balance change, the
 * amount held by an authorisation or debited by a settlement; {@code balanceMinor} the balance after a change.
 */
@TemplateData
public record LedgerEntry(String eventId, String key, Optional<Long> accountId, String kind, Instant occurredAt,
                          Optional<Long> amountMinor, Optional<Long> balanceMinor, Optional<String> currency,
                          Optional<String> reason, Optional<String> callId, Optional<String> callerId,
                          Optional<String> destination, String summary) {

    public String accountText() {
        return accountId.map(String::valueOf).orElse(key);
    }
}
