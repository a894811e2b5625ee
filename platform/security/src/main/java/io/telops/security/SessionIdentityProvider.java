package io.telops.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A live session's user, with the roles the directories give that user now (at most the re-check window old). */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionAuthenticationRequest> {
    private final Sessions sessions;
    private final Directories directories;

    SessionIdentityProvider(Sessions sessions, Directories directories) {
        this.sessions = sessions;
        this.directories = directories;
    }

    @Override
    public Class<SessionAuthenticationRequest> getRequestType() {
        return SessionAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> sessions.user(request.token())
                .flatMap(user -> directories.currentRoles(user).map(roles -> Identities.of(user, roles)))
                .orElseThrow(AuthenticationFailedException::new));
    }
}
