package io.telops.provisioning.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import io.telops.provisioning.resync.ResyncSelection;
import io.telops.provisioning.resync.ResyncService;

/**
 * Re-provision on demand: mark devices for re-sync (one {@code device-resync-requested} event each, for a PBX-side
 * NOTIFY check-sync) and list the marks still waiting for a fetch. Operators may ask too: it changes no configuration.
 */
@Path("/api/resync")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ResyncResource {
    private final ResyncService resync;
    private final SecurityIdentity identity;

    public ResyncResource(ResyncService resync, SecurityIdentity identity) {
        this.resync = resync;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({"admin", "operator"})
    public ResyncService.Outcome request(ResyncSelection selection) {
        if (selection == null) {
            throw new IllegalArgumentException("a body naming the devices is required");
        }
        return resync.request(selection, identity.getPrincipal().getName());
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<ResyncService.Pending> pending() {
        return resync.pending();
    }
}
