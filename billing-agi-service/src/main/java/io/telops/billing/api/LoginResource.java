package io.telops.billing.api;

import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import io.telops.billing.ledger.Accounts;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.History;
import io.telops.billing.security.SessionTokens;

/**
 * The seed's cookie login: {@code POST /login} with form fields username and password sets an HMAC-signed,
 * HttpOnly session cookie; {@code POST /logout} clears it. HTTP Basic keeps working on every endpoint.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {
    public record LoggedIn(String username, Set<String> roles) {
    }

    private final IdentityProviderManager identities;
    private final SessionTokens tokens;
    private final Accounts accounts;
    private final History history;
    private final BillingConfig config;

    LoginResource(IdentityProviderManager identities, SessionTokens tokens, Accounts accounts, History history, BillingConfig config) {
        this.identities = identities;
        this.tokens = tokens;
        this.accounts = accounts;
        this.history = history;
        this.config = config;
    }

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> login(@FormParam("username") String username, @FormParam("password") String password) {
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            return Uni.createFrom().item(Problem.response(Response.Status.BAD_REQUEST, "form fields username and password are required"));
        }
        return identities.authenticate(new UsernamePasswordAuthenticationRequest(username, new PasswordCredential(password.toCharArray())))
                .map(identity -> {
                    Set<String> roles = new TreeSet<>(identity.getRoles());
                    NewCookie cookie = new NewCookie.Builder(SessionTokens.COOKIE).value(tokens.issue(username, roles))
                            .path("/").httpOnly(true).sameSite(NewCookie.SameSite.STRICT).maxAge((int) tokens.ttlSeconds()).build();
                    return Response.ok(new LoggedIn(username, roles)).cookie(cookie).build();
                })
                .onFailure().recoverWithItem(() -> Problem.response(Response.Status.UNAUTHORIZED, "wrong username or password"));
    }

    @POST
    @Path("logout")
    @PermitAll
    public Response logout() {
        NewCookie gone = new NewCookie.Builder(SessionTokens.COOKIE).value("").path("/").httpOnly(true).maxAge(0).build();
        return Response.noContent().cookie(gone).build();
    }

    /** A subscriber's own account and balance (also works for admin accounts). */
    @GET
    @Path("api/me")
    @RolesAllowed({"subscriber", "admin", "operator"})
    public UserResource.Balance me(@Context SecurityContext who) {
        var a = accounts.get(who.getUserPrincipal().getName());
        return new UserResource.Balance(a.username, a.balanceMinor, history.reserved(a.id), config.currency());
    }
}
