package io.telops.dashboard.ui;

import java.net.URI;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * Form login for browsers (the JSON API keeps HTTP Basic): Quarkus checks the posted credentials against
 * the same bcrypt users and keeps the session in an encrypted cookie.
 */
@Path("/")
public class LoginPage {
    static final String SESSION_COOKIE = "telops-dashboard";

    private final Template login;

    LoginPage(@Location("login.html") Template login) {
        this.login = login;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance show(@QueryParam("error") String error) {
        return login.data("failed", error != null);
    }

    @GET
    @Path("logout")
    @Operation(hidden = true)
    public Response logout() {
        NewCookie expired = new NewCookie.Builder(SESSION_COOKIE).path("/").maxAge(0).httpOnly(true).build();
        return Response.seeOther(URI.create("/login")).cookie(expired).build();
    }
}
