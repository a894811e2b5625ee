package io.telops.dashboard.callforward;

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
import io.telops.dashboard.ui.PagerLink;

/**
 * The call-forward pages: all lines with their recent calls and voicemails, and a page per line. Their sections
 * follow telops.call-events live (static/domain-live.js re-reads them by id after each committed change).
 */
@Path("/call-forward")
@RolesAllowed({"admin", "operator"})
public class CallForwardPage {
    static final int LINES = 50;
    static final int CALLS = 25;
    static final int VOICEMAILS = 25;

    private final CallForwardQueries queries;
    private final Template overview;
    private final Template linePage;

    CallForwardPage(CallForwardQueries queries, @Location("callforward/overview.html") Template overview,
                    @Location("callforward/line.html") Template linePage) {
        this.queries = queries;
        this.overview = overview;
        this.linePage = linePage;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance show(@QueryParam("outcome") String outcomeParam) {
        Optional<CallOutcome> outcome = CallOutcome.fromLabel(outcomeParam);
        return overview.data("topic", Topics.CALL_EVENTS)
                .data("lines", queries.lines(0, LINES))
                .data("outcome", outcome.map(CallOutcome::label).orElse(""))
                .data("calls", queries.calls(Optional.empty(), outcome, 0, CALLS))
                .data("voicemails", queries.voicemails(Optional.empty(), 0, VOICEMAILS));
    }

    @GET
    @Path("/lines/{lineId}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance line(@PathParam("lineId") String lineId, @QueryParam("page") @DefaultValue("0") int page) {
        LineView line = queries.line(lineId).orElseThrow(() -> new NotFoundException("no such line"));
        return linePage.data("topic", Topics.CALL_EVENTS)
                .data("line", line)
                .data("calls", queries.calls(Optional.of(lineId), Math.max(0, page), CALLS))
                .data("voicemails", queries.voicemails(Optional.of(lineId), 0, VOICEMAILS))
                .data("pagerLink", PagerLink.of(line.href()));
    }
}
