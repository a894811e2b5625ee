package io.telops.vats.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.Blocking;
import io.telops.vats.audit.AuditLog;
import io.telops.vats.client.CabinetHealth;
import io.telops.vats.restapi.AbonentCrossCheckService;
import io.telops.vats.restapi.CrossCheckReport;
import io.telops.vats.tls.TlsHandshakeCheck;

/** The audit trail, the cabinet's last known status and its TLS handshake. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class AuditResource {
    private final AuditLog audit;
    private final CabinetHealth health;
    private final TlsHandshakeCheck tls;
    private final AbonentCrossCheckService crossCheck;

    AuditResource(AuditLog audit, CabinetHealth health, TlsHandshakeCheck tls, AbonentCrossCheckService crossCheck) {
        this.crossCheck = crossCheck;
        this.audit = audit;
        this.health = health;
        this.tls = tls;
    }

    @GET
    @Path("/audit")
    @RolesAllowed("admin")
    public List<AuditLog.Entry> audit(@QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("action") String action) {
        return audit.recent(Math.max(1, Math.min(limit, 1000)), Optional.ofNullable(action).filter(a -> !a.isBlank()));
    }

    @GET
    @Path("/cabinet/tls")
    @RolesAllowed({"admin", "operator"})
    public Map<String, Object> tls() {
        return TlsHandshakeCheck.summary(tls.last());
    }

    @POST
    @Path("/cabinet/tls/check")
    @RolesAllowed("admin")
    public Map<String, Object> checkTls() {
        return TlsHandshakeCheck.summary(tls.check());
    }

    @GET
    @Path("/cabinet/abonent-check")
    @RolesAllowed({"admin", "operator"})
    public CrossCheckReport abonentCheck() {
        return crossCheck.last();
    }

    @GET
    @Path("/cabinet/status")
    @RolesAllowed({"admin", "operator"})
    public CabinetHealth.Status cabinet() {
        return health.status();
    }
}
