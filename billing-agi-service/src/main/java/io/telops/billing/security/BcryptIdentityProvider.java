package io.telops.billing.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.util.ModularCrypt;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.Accounts;

/**
 * Checks username/password (HTTP Basic and the login form) against the bcrypt hashes of {@link AdminUsers},
 * then against the accounts table as the seed did: an account with the admin flag gets the roles admin and
 * operator, any other active account the role subscriber (its own balance only).
 */
@ApplicationScoped
public class BcryptIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final AdminUsers users;
    private final Accounts accounts;

    BcryptIdentityProvider(AdminUsers users, Accounts accounts) {
        this.users = users;
        this.accounts = accounts;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        // bcrypt is slow on purpose: keep it off the event loop
        return context.runBlocking(() -> {
            String name = request.getUsername();
            char[] password = request.getPassword().getPassword();
            AdminUsers.User configured = users.users().get(name);
            Set<String> roles;
            if (configured != null) {
                if (!matches(configured.passwordHash(), password)) {
                    throw new AuthenticationFailedException();
                }
                roles = configured.roles();
            } else {
                Optional<Account> account = accounts.verify(name, password);
                roles = account.map(a -> a.admin ? Set.of("admin", "operator") : Set.of("subscriber"))
                        .orElseThrow(AuthenticationFailedException::new);
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(name))
                    .addRoles(roles)
                    .build();
        });
    }

    static boolean matches(String bcryptHash, char[] password) {
        try {
            Password stored = ModularCrypt.decode(bcryptHash);
            PasswordFactory factory = PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT);
            return factory.verify(factory.translate(stored), password);
        } catch (Exception e) {
            return false;
        }
    }
}
