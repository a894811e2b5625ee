package io.telops.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/** Username and password (HTTP Basic, a login form) checked against every {@link AccountDirectory}. */
@ApplicationScoped
public class BcryptIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
    private final Directories directories;

    BcryptIdentityProvider(Directories directories) {
        this.directories = directories;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        // bcrypt is slow on purpose, and a directory may query a database: keep both off the event loop
        return context.runBlocking(() -> {
            String name = request.getUsername();
            return directories.authenticate(name, request.getPassword().getPassword())
                    .map(roles -> Identities.of(name, roles))
                    .orElseThrow(AuthenticationFailedException::new);
        });
    }
}
