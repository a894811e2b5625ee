package io.telops.dashboard.ui;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.telops.dashboard.overview.NeedsAttention;
import io.telops.dashboard.overview.OverviewQueries;

/** The platform on one screen: today's figures, each linking to its page, and what needs attention. */
@Path("/")
@RolesAllowed({"admin", "operator"})
public class OverviewPage {
    private final OverviewQueries queries;
    private final NeedsAttention attention;
    private final Template overview;

    OverviewPage(OverviewQueries queries, NeedsAttention attention, @Location("overview.html") Template overview) {
        this.queries = queries;
        this.attention = attention;
        this.overview = overview;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance show() {
        return overview.data("overview", queries.overview()).data("attention", attention.items());
    }
}
