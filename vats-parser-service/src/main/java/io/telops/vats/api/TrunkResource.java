package io.telops.vats.api;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.telops.vats.audit.AuditLog;
import io.telops.vats.cabinet.SipDevice;
import io.telops.vats.client.CabinetException;
import io.telops.vats.client.VatsCabinetClient;
import io.telops.vats.trunk.ActivationResult;
import io.telops.vats.trunk.DeviceResult;
import io.telops.vats.trunk.SyncResult;
import io.telops.vats.trunk.SyncRun;
import io.telops.vats.trunk.TrunkException;
import io.telops.vats.trunk.TrunkOperations;
import io.telops.vats.trunk.TrunkStore;
import io.telops.vats.trunk.TrunkSyncService;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Trunks: stored state, sync on demand, activation, SIP devices. Writes to the cabinet need the admin role. */
@Path("/api/trunks")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class TrunkResource {
    /** Activate or deactivate. */
    public record Activation(boolean active) {
    }

    public record DeviceRequest(List<String> numbers) {
    }

    public record DeviceResults(List<DeviceResult> results) {
    }

    /** A trunk's SIP device as the cabinet shows it, without its password. */
    public record DeviceView(String trunkId, boolean present, Optional<String> deviceId, boolean enabled, Optional<String> lineId,
                             Optional<String> sipLogin, Optional<String> deviceType) {
    }

    private static final int MAX_NUMBERS = 500;

    private final TrunkStore store;
    private final TrunkSyncService sync;
    private final TrunkOperations operations;
    private final VatsCabinetClient cabinet;
    private final AuditLog audit;
    private final SecurityIdentity identity;

    TrunkResource(TrunkStore store, TrunkSyncService sync, TrunkOperations operations, VatsCabinetClient cabinet,
                  AuditLog audit, SecurityIdentity identity) {
        this.store = store;
        this.sync = sync;
        this.operations = operations;
        this.cabinet = cabinet;
        this.audit = audit;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<TrunkView> list(@QueryParam("includeGone") @DefaultValue("false") boolean includeGone,
                                @QueryParam("limit") @DefaultValue("1000") int limit,
                                @QueryParam("after") @DefaultValue("0") long after) {
        if (limit < 1 || limit > 5000) {
            throw new IllegalArgumentException("limit must be between 1 and 5000");
        }
        return QuarkusTransaction.requiringNew().call(() -> store.list(includeGone, limit, after)).stream().map(TrunkView::of).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({"admin", "operator"})
    public TrunkView get(@PathParam("id") long id) {
        return QuarkusTransaction.requiringNew().call(() -> store.find(id)).map(TrunkView::of)
                .orElseThrow(() -> new TrunkException.NotFound("trunk " + id));
    }

    @GET
    @Path("/{id}/device")
    @RolesAllowed({"admin", "operator"})
    public DeviceView device(@PathParam("id") long id) {
        get(id);
        Optional<SipDevice> device = cabinet.deviceForm(id).sipDevice();
        return new DeviceView(Long.toString(id), device.isPresent(), device.flatMap(SipDevice::deviceId).map(String::valueOf),
                device.map(SipDevice::enabled).orElse(false), device.flatMap(SipDevice::lineId),
                device.flatMap(SipDevice::sipLogin), device.flatMap(SipDevice::deviceType));
    }

    @POST
    @Path("/sync")
    @RolesAllowed({"admin", "operator"})
    public SyncResult syncNow() {
        return audited("trunks.sync", () -> sync.sync("api:" + user()));
    }

    @POST
    @Path("/snapshot")
    @RolesAllowed("admin")
    public SyncResult snapshotNow() {
        return audited("trunks.snapshot", () -> sync.snapshot("api:" + user()));
    }

    @GET
    @Path("/sync-runs")
    @RolesAllowed({"admin", "operator"})
    public List<SyncRun> runs(@QueryParam("limit") @DefaultValue("20") int limit) {
        return QuarkusTransaction.requiringNew().call(() -> store.recentRuns(Math.max(1, Math.min(limit, 500))));
    }

    @PUT
    @Path("/{id}/activation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public ActivationResult activation(@PathParam("id") long id, Activation request) {
        if (request == null) {
            throw new IllegalArgumentException("body {\"active\": true|false} is required");
        }
        return operations.setActivated(id, request.active(), user());
    }

    @POST
    @Path("/devices")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public DeviceResults addDevices(DeviceRequest request) {
        if (request == null || request.numbers() == null || request.numbers().isEmpty()) {
            throw new IllegalArgumentException("body {\"numbers\": [\"79161234567\", ...]} is required");
        }
        if (request.numbers().size() > MAX_NUMBERS) {
            throw new IllegalArgumentException("at most " + MAX_NUMBERS + " numbers per request");
        }
        return new DeviceResults(operations.addDevices(request.numbers(), user()));
    }

    private SyncResult audited(String action, java.util.function.Supplier<SyncResult> run) {
        try {
            SyncResult result = run.get();
            audit.recordSeparately(user(), action, null, "ok", "run " + result.runId() + ": " + result.trunks() + " trunks, "
                    + result.changed() + " changed");
            return result;
        } catch (CabinetException | TrunkException e) {
            audit.recordSeparately(user(), action, null, "failed", e.getMessage());
            throw e;
        }
    }

    private String user() {
        return identity.getPrincipal().getName();
    }
}
