package io.telops.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Accepts the session cookie when {@code telops.security.session.enabled}. A request without a live session falls
 * through to the other mechanisms (HTTP Basic); the challenge is a redirect to the login page when one is
 * configured, else Basic's 401. Path permissions name it {@code session}.
 */
@ApplicationScoped
public class SessionCookieMechanism implements HttpAuthenticationMechanism {
    public static final String SCHEME = "session";

    private final SecurityConfig.Sessions config;

    SessionCookieMechanism(SecurityConfig config) {
        this.config = config.session();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        Cookie cookie = config.enabled() ? context.request().getCookie(config.cookieName()) : null;
        if (cookie == null || cookie.getValue().isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new SessionAuthenticationRequest(cookie.getValue()))
                .onFailure(AuthenticationFailedException.class).recoverWithNull();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(config.loginPage()
                .map(page -> new ChallengeData(302, HttpHeaders.LOCATION, page))
                .orElseGet(() -> new ChallengeData(401, "WWW-Authenticate", "Basic realm=\"telops\"")));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, config.cookieName(), SCHEME));
    }
}
