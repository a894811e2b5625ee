package io.telops.dashboard.overview;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The overview's figures and its needs-attention list as JSON. */
@Path("/api/overview")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "operator"})
@Tag(name = "overview", description = "The whole platform on one screen: today's counts and what needs attention")
public class OverviewResource {
    private final OverviewQueries queries;
    private final NeedsAttention attention;

    OverviewResource(OverviewQueries queries, NeedsAttention attention) {
        this.queries = queries;
        this.attention = attention;
    }

    @GET
    @Operation(summary = "Phones by state, today's calls by outcome, voicemail SMS failures, billing, trunks by state, device fetches",
            description = "\"today\" starts at midnight of telops.dashboard.overview.zone; each figure names the page that lists it.")
    public Overview overview() {
        return queries.overview();
    }

    @GET
    @Path("/attention")
    @Operation(summary = "What needs an operator, newest first",
            description = "Phones offline past the threshold, trunks deactivated or without binding, failed voicemail SMS, refused config fetches by source.")
    public List<AttentionItem> attention() {
        return attention.items();
    }
}
