package io.telops.billing.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.Accounts;
import io.telops.security.AccountDirectory;

/**
 * Billing's accounts as a user directory, as the seed had it: an active account with the admin flag gets the roles
 * admin and operator, any other active account the role subscriber (its own balance only). Asked after the
 * configured users.
 */
@ApplicationScoped
public class AccountsDirectory implements AccountDirectory {
    private final Accounts accounts;

    AccountsDirectory(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<Set<String>> authenticate(String username, char[] password) {
        return accounts.verify(username, password).map(AccountsDirectory::roles);
    }

    @Override
    public Optional<Set<String>> roles(String username) {
        return accounts.active(username).map(AccountsDirectory::roles);
    }

    private static Set<String> roles(Account account) {
        return account.admin ? Set.of("admin", "operator") : Set.of("subscriber");
    }
}
