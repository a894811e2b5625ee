package io.telops.vats.api;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.Blocking;
import io.telops.vats.audit.AuditLog;
import io.telops.vats.client.CabinetHealth;

/** The audit trail and the cabinet's last known status. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuditResource {
    private final AuditLog audit;
    private final CabinetHealth health;

    AuditResource(AuditLog audit, CabinetHealth health) {
        this.audit = audit;
        this.health = health;
    }

    @GET
    @Path("/audit")
    @RolesAllowed("admin")
    public List<AuditLog.Entry> audit(@QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("action") String action) {
        return audit.recent(Math.max(1, Math.min(limit, 1000)), Optional.ofNullable(action).filter(a -> !a.isBlank()));
    }

    @GET
    @Path("/cabinet/status")
    @RolesAllowed({"admin", "operator"})
    public CabinetHealth.Status cabinet() {
        return health.status();
    }
}
