package io.telops.ingest.api;

import java.sql.SQLException;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.telops.ingest.outbox.PushStore;
import io.telops.ingest.outbox.Replayer;

/** Operator view of the outbox and the replay of stored raw pushes (admin only). */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    private final PushStore store;
    private final Replayer replayer;

    AdminResource(PushStore store, Replayer replayer) {
        this.store = store;
        this.replayer = replayer;
    }

    public record OutboxStatus(long unpublished) {
    }

    @GET
    @Path("/outbox")
    @RolesAllowed({"admin", "operator"})
    public OutboxStatus outbox() throws SQLException {
        return new OutboxStatus(store.depth());
    }

    @POST
    @Path("/replay")
    @RolesAllowed("admin")
    @Operation(summary = "Re-publish the events of raw pushes received in [from, to) under their original ce_ids")
    public Replayer.Result replay(@QueryParam("from") String from, @QueryParam("to") String to,
                                  @QueryParam("limit") @DefaultValue("10000") int limit) throws SQLException {
        if (from == null || to == null) {
            throw new BadRequestException("from and to (ISO-8601 instants) are required");
        }
        try {
            return replayer.replay(Instant.parse(from), Instant.parse(to), Math.min(Math.max(limit, 1), 100_000));
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestException("from/to must be ISO-8601 instants, e.g. 2026-01-01T00:00:00Z");
        }
    }
}
