package io.telops.dashboard.trunks;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
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

/** The trunks view as JSON: each MTS VATS trunk's state as last observed, and its history of changes. */
@Path("/api/trunks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "operator"})
@Tag(name = "trunks", description = "MTS VATS trunks, their state, last change and history, from telops.vats-trunks")
public class TrunkResource {
    private final TrunkQueries queries;

    TrunkResource(TrunkQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(summary = "Trunks, most recently changed first",
            description = "state: disappeared, marked-for-deletion, deactivated, blocked, binding-lost or active (strongest first).")
    public Page<TrunkView> list(
            @Parameter(description = "Part of the trunk id, phone number or name, case-insensitive") @QueryParam("q") String text,
            @Parameter(description = "active, binding-lost, blocked, deactivated, marked-for-deletion or disappeared") @QueryParam("state") String state,
            @BeanParam PageRequest paging) {
        paging.within(PageRequest.MAX_SIZE);
        return queries.search(RequestValues.text(text), status(state), paging.page(), paging.size());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One trunk with its state flags, last change and snapshot membership")
    public TrunkView get(@PathParam("id") String id) {
        return queries.find(id).orElseThrow(() -> new NotFoundException("no trunk " + id + " has been reported"));
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "The trunk's changes, newest observation first, paged",
            description = "origin SYNC or OPERATOR for the producer's change events, SNAPSHOT where a snapshot showed a change "
                    + "no event had brought; applied=false for a change observed before the state already shown.")
    public Page<TrunkChangeView> history(@PathParam("id") String id, @BeanParam PageRequest paging) {
        paging.within(PageRequest.MAX_SIZE);
        get(id);
        return queries.history(id, paging.page(), paging.size());
    }

    @GET
    @Path("/snapshots")
    @Operation(summary = "Snapshot runs received, newest first, with how many of their trunks arrived")
    public List<SnapshotRunView> snapshots(@QueryParam("limit") @DefaultValue("20") int limit) {
        return queries.snapshots(RequestValues.checkLimit(limit, PageRequest.MAX_SIZE));
    }

    static Optional<TrunkStatus> status(String state) {
        return RequestValues.valid(() -> RequestValues.text(state).map(TrunkStatus::fromLabel));
    }
}
