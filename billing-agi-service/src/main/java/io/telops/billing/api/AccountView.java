package io.telops.billing.api;

import java.time.Instant;
import java.util.Optional;

import io.telops.billing.ledger.Account;

/** An account as the API shows it (never the password hash). */
public record AccountView(long id, String username, String clid, Optional<String> imsi, boolean admin, String status,
                          long balanceMinor, String currency, Instant createdAt, Instant updatedAt) {
    static AccountView of(Account a, String currency) {
        return new AccountView(a.id, a.username, a.clid, Optional.ofNullable(a.imsi), a.admin, a.status.name(),
                a.balanceMinor, currency, a.createdAt, a.updatedAt);
    }
}
