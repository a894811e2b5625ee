package io.telops.dashboard.trunks;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.telops.contracts.Topics;
import io.telops.dashboard.api.RequestValues;
import io.telops.dashboard.domain.Labelled;
import io.telops.dashboard.ui.PagerLink;

/** The trunks table with state badges (filterable, live) and a page per trunk with its history, paged. */
@Path("/trunks")
@RolesAllowed({"admin", "operator"})
public class TrunksPage {
    static final int ROWS_PER_PAGE = 50;
    private static final List<String> STATES = Labelled.labels(TrunkStatus.class);

    private final TrunkQueries queries;
    private final Template trunks;
    private final Template trunk;

    TrunksPage(TrunkQueries queries, @Location("trunks.html") Template trunks, @Location("trunk.html") Template trunk) {
        this.queries = queries;
        this.trunks = trunks;
        this.trunk = trunk;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance list(@QueryParam("q") String q, @QueryParam("state") String state,
                                 @QueryParam("page") @DefaultValue("0") int page) {
        Optional<String> text = RequestValues.text(q);
        Optional<TrunkStatus> status = RequestValues.choice(state, STATES).map(TrunkStatus::fromLabel);
        int safePage = Math.max(0, page);
        return trunks.data("trunks", queries.search(text, status, safePage, ROWS_PER_PAGE))
                .data("q", text.orElse(""))
                .data("state", status.map(TrunkStatus::label).orElse(""))
                .data("states", STATES)
                .data("pagerLink", PagerLink.of("/trunks", "q", text.orElse(""), "state", status.map(TrunkStatus::label).orElse("")))
                .data("topic", Topics.VATS_TRUNKS);
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance show(@PathParam("id") String id, @QueryParam("page") @DefaultValue("0") int page) {
        TrunkView view = queries.find(id).orElseThrow(() -> new NotFoundException("no such trunk"));
        return trunk.data("trunk", view)
                .data("history", queries.history(id, Math.max(0, page), ROWS_PER_PAGE))
                .data("pagerLink", PagerLink.of("/trunks/" + id))
                .data("topic", Topics.VATS_TRUNKS);
    }
}
