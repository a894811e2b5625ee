package io.telops.billing.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Accepts the cookie {@code POST /login} sets (the seed's cookie login). Requests without it fall through
 * to HTTP Basic, the platform-wide mechanism; the challenge stays Basic's 401.
 */
@ApplicationScoped
public class SessionCookieMechanism implements HttpAuthenticationMechanism {
    private final SessionTokens tokens;

    SessionCookieMechanism(SessionTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = context.request().getCookie(SessionTokens.COOKIE);
        if (cookie == null) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(tokens.verify(cookie.getValue())
                .<SecurityIdentity>map(s -> QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(s.username()))
                        .addRoles(s.roles()).build())
                .orElse(null));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Basic realm=\"Quarkus\""));
    }
}
