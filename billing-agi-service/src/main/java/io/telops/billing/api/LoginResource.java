package io.telops.billing.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Set;
import java.util.TreeSet;

import io.telops.billing.ledger.Accounts;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.History;
import io.telops.events.Problem;
import io.telops.security.SessionLogin;

/**
 * The seed's cookie login: {@code POST /login} with form fields username and password opens a server-side session
 * (platform sessions: HttpOnly, SameSite=Strict, Secure outside dev/test); {@code POST /logout} ends it on every
 * replica. HTTP Basic keeps working on every endpoint.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class LoginResource {
    public static final String COOKIE = "telops_billing_session";

    public record LoggedIn(String username, Set<String> roles) {
    }

    private final SessionLogin sessions;
    private final Accounts accounts;
    private final History history;
    private final BillingConfig config;

    LoginResource(SessionLogin sessions, Accounts accounts, History history, BillingConfig config) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.history = history;
        this.config = config;
    }

    @POST
    @Path("login")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(@FormParam("username") String username, @FormParam("password") String password) {
        if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
            return Problem.response(Response.Status.BAD_REQUEST, "form fields username and password are required");
        }
        return sessions.login(username, password.toCharArray())
                .map(in -> Response.ok(new LoggedIn(in.username(), new TreeSet<>(in.roles())))
                        .header(HttpHeaders.SET_COOKIE, in.setCookie()).build())
                .orElseGet(() -> Problem.response(Response.Status.UNAUTHORIZED, "wrong username or password"));
    }

    @POST
    @Path("logout")
    @PermitAll
    public Response logout(@CookieParam(COOKIE) String session) {
        return Response.noContent().header(HttpHeaders.SET_COOKIE, sessions.logout(session)).build();
    }

    /** A subscriber's own account and balance (also works for admin accounts). */
    @GET
    @Path("api/me")
    @RolesAllowed({"subscriber", "admin", "operator"})
    public UserResource.Balance me(@Context SecurityContext who) {
        var a = accounts.get(who.getUserPrincipal().getName());
        return new UserResource.Balance(a.username, a.balanceMinor, history.reserved(a.id), a.currency);
    }
}
