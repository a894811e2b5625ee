package io.telops.dashboard.ui;

import java.net.URI;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.telops.security.SessionLogin;

/**
 * Form login for browsers (the JSON API keeps HTTP Basic). The form posts to {@code /j_security_check} with
 * {@code j_username}/{@code j_password}, the names of Jakarta form login, which password managers know; the
 * session is a platform session kept in this service's PostgreSQL, so signing out ends it on every replica.
 */
@Path("/")
public class LoginPage {
    static final String SESSION_COOKIE = "telops-dashboard";

    private final Template login;
    private final SessionLogin sessions;

    LoginPage(@Location("login.html") Template login, SessionLogin sessions) {
        this.login = login;
        this.sessions = sessions;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance show(@QueryParam("error") String error) {
        return login.data("failed", error != null);
    }

    @POST
    @Path("j_security_check")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response signIn(@FormParam("j_username") String username, @FormParam("j_password") String password) {
        return sessions.login(username, password == null ? null : password.toCharArray())
                .map(in -> Response.status(Response.Status.FOUND).location(URI.create("/")).header(HttpHeaders.SET_COOKIE, in.setCookie()).build())
                .orElseGet(() -> Response.status(Response.Status.FOUND).location(URI.create("/login?error=true")).build());
    }

    @POST
    @Path("logout")
    @PermitAll
    @Operation(hidden = true)
    public Response signOut(@CookieParam(SESSION_COOKIE) String session) {
        return Response.seeOther(URI.create("/login")).header(HttpHeaders.SET_COOKIE, sessions.logout(session)).build();
    }

    /** The sign-out link; safe as a GET because the SameSite=Strict cookie never comes with a cross-site request. */
    @GET
    @Path("logout")
    @PermitAll
    @Operation(hidden = true)
    public Response signOutLink(@CookieParam(SESSION_COOKIE) String session) {
        return signOut(session);
    }
}
