package io.telops.billing.api;

import java.time.Instant;
import java.util.Optional;

import io.telops.billing.ledger.Account;

/** An account as the API shows it (never the password hash). */
public record AccountView(long id, String username, String clid, Optional<String> imsi, boolean admin, String status,
                          long balanceMinor, String currency, Instant createdAt, Instant updatedAt, Optional<Long> planId,
                          String timeZone, Optional<Long> lowBalanceMinor, UserResource.Limits limits) {
    static AccountView of(Account a) {
        return new AccountView(a.id, a.username, a.clid, Optional.ofNullable(a.imsi), a.admin, a.status.name(),
                a.balanceMinor, a.currency, a.createdAt, a.updatedAt, Optional.ofNullable(a.planId), a.timeZone,
                Optional.ofNullable(a.lowBalanceMinor), UserResource.Limits.of(a));
    }
}
