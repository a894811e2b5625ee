package io.telops.vats.api;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.telops.vats.trunk.SyncOverride;
import io.telops.vats.trunk.SyncOverrides;
import io.telops.vats.trunk.TrunkException;

/** Overrides of the disappearance guard: an admin lets one sync believe a mass deletion. */
@Path("/api/trunks/sync-overrides")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SyncOverrideResource {
    private final SyncOverrides overrides;
    private final SecurityIdentity identity;

    SyncOverrideResource(SyncOverrides overrides, SecurityIdentity identity) {
        this.overrides = overrides;
        this.identity = identity;
    }

    /** Lets the next complete sync remove more trunks than the guard allows; audited. */
    @POST
    @RolesAllowed("admin")
    public Response grant() {
        SyncOverride granted = overrides.grant(identity.getPrincipal().getName());
        return Response.created(URI.create("/api/trunks/sync-overrides/" + granted.id())).entity(granted).build();
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<SyncOverride> recent(@QueryParam("limit") @DefaultValue("20") int limit) {
        return overrides.recent(Math.max(1, Math.min(limit, 500)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "operator"})
    public SyncOverride get(@PathParam("id") long id) {
        return overrides.find(id).orElseThrow(() -> TrunkException.NotFound.syncOverride(id));
    }
}
