package io.telops.dashboard.callforward;

import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.telops.dashboard.api.PageRequest;
import io.telops.dashboard.api.RequestValues;
import io.telops.dashboard.phone.Page;

/** The call-forward view as JSON: lines with their numbers, calls with their path, voicemails with their SMS. */
@Path("/api/call-forward")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "operator"})
@Tag(name = "call-forward", description = "Forwarding lines, their calls and voicemails, from telops.call-events")
public class CallForwardResource {
    private final CallForwardQueries queries;

    CallForwardResource(CallForwardQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/lines")
    @Operation(summary = "Forwarding lines, most recently active first, with their numbers (rented or released) and last call",
            description = "A line named by calls before its line-changed event arrived has status 'unknown'.")
    public Page<LineView> lines(@BeanParam PageRequest paging) {
        paging.within(PageRequest.MAX_SIZE);
        return queries.lines(paging.page(), paging.size());
    }

    @GET
    @Path("/lines/{lineId}")
    @Operation(summary = "One forwarding line: owner, status, numbers, SIP endpoint, mobile, ring strategy, last call")
    public LineView line(@PathParam("lineId") String lineId) {
        return queries.line(lineId).orElseThrow(() -> new NotFoundException("no line " + lineId + " has been heard of"));
    }

    @GET
    @Path("/lines/{lineId}/calls")
    @Operation(summary = "Calls of a line, newest first, each with its path of Dial legs and DialStatus, voicemail and outcome")
    public Page<CallView> lineCalls(@PathParam("lineId") String lineId, @BeanParam PageRequest paging) {
        paging.within(PageRequest.MAX_SIZE);
        line(lineId);
        return queries.calls(Optional.of(lineId), paging.page(), paging.size());
    }

    @GET
    @Path("/lines/{lineId}/voicemails")
    @Operation(summary = "Voicemails of a line, newest first, with recording URL and SMS state")
    public Page<VoicemailView> lineVoicemails(@PathParam("lineId") String lineId, @BeanParam PageRequest paging) {
        paging.within(PageRequest.MAX_SIZE);
        line(lineId);
        return queries.voicemails(Optional.of(lineId), paging.page(), paging.size());
    }

    @GET
    @Path("/calls")
    @Operation(summary = "Recent calls of all lines, newest first, with their path")
    public Page<CallView> calls(@BeanParam PageRequest paging) {
        paging.within(PageRequest.MAX_SIZE);
        return queries.calls(Optional.empty(), paging.page(), paging.size());
    }

    @GET
    @Path("/calls/{callUuid}")
    @Operation(summary = "One call by its Plivo CallUUID")
    public CallView call(@PathParam("callUuid") String callUuid) {
        return queries.call(callUuid).orElseThrow(() -> new NotFoundException("no call " + callUuid + " has been heard of"));
    }

    @GET
    @Path("/voicemails")
    @Operation(summary = "Voicemails of all lines (or of one), newest first, with recording URL and SMS state (pending, sent, failed)")
    public Page<VoicemailView> voicemails(@Parameter(description = "Only this line's voicemails") @QueryParam("line") String line,
                                          @BeanParam PageRequest paging) {
        paging.within(PageRequest.MAX_SIZE);
        return queries.voicemails(RequestValues.text(line), paging.page(), paging.size());
    }
}
