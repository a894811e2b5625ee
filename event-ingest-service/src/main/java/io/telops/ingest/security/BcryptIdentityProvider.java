package io.telops.ingest.security;

import java.util.Optional;

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

/**
 * Checks HTTP Basic credentials against the bcrypt hashes of {@link AdminUsers}; a pair it accepted recently is
 * recognised by {@link VerifiedPasswords} without a second bcrypt check.
 */
@ApplicationScoped
public class BcryptIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final AdminUsers users;
    private final VerifiedPasswords verified = new VerifiedPasswords();

    BcryptIdentityProvider(AdminUsers users) {
        this.users = users;
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
            AdminUsers.User user = Optional.ofNullable(users.users().get(name))
                    .filter(u -> verified.accepts(name, u.passwordHash(), password, () -> matches(u.passwordHash(), password)))
                    .orElseThrow(AuthenticationFailedException::new);
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(request.getUsername()))
                    .addRoles(user.roles())
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
