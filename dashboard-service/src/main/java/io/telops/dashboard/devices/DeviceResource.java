package io.telops.dashboard.devices;

import java.util.List;

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

/** The devices view as JSON: what provisioning-service reported about each device and its config fetches. */
@Path("/api/devices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "operator"})
@Tag(name = "devices", description = "Provisioned devices, their last config fetch, template version and status, from telops.provisioning-events")
public class DeviceResource {
    private static final int MAX_LIMIT = 500;
    private final DeviceQueries queries;
    private final DevicesConfig config;

    DeviceResource(DeviceQueries queries, DevicesConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @GET
    @Operation(summary = "Devices, most recently changed first",
            description = "Filters combine with AND. status: provisioned (fetched its current template version after its last "
                    + "config change), pending (never fetched, or fetched an older version, another template, or before a "
                    + "config change), auth-failing (refused fetches since its last good one, within the recent window), "
                    + "disabled, deleted.")
    public Page<DeviceView> list(
            @Parameter(description = "MAC or part of it, any separators") @QueryParam("mac") String mac,
            @Parameter(description = "Part of brand, family, model or template id, case-insensitive") @QueryParam("model") String model,
            @Parameter(description = "provisioned, pending, auth-failing, disabled or deleted") @QueryParam("status") String status,
            @BeanParam PageRequest paging) {
        paging.within(config.maxPageSize());
        return queries.search(RequestValues.valid(() -> DeviceFilter.of(mac, model, status)), paging.page(), paging.size());
    }

    @GET
    @Path("/{mac}")
    @Operation(summary = "One device with its status, last fetch and recent refused fetches count")
    public DeviceView get(@PathParam("mac") String mac) {
        return queries.find(RequestValues.mac(mac)).orElseThrow(() -> new NotFoundException("no device " + mac + " has been reported"));
    }

    @GET
    @Path("/{mac}/auth-failures")
    @Operation(summary = "Refused config fetches of this MAC, newest first, with the reason (device or not)")
    public List<AuthFailureView> authFailures(@PathParam("mac") String mac, @QueryParam("limit") @DefaultValue("50") int limit) {
        return queries.authFailures(RequestValues.mac(mac), RequestValues.checkLimit(limit, MAX_LIMIT));
    }

    @GET
    @Path("/unknown-sources")
    @Operation(summary = "Recent refused fetches of MACs that are no live device, per client address, most failures first")
    public List<AuthSourceView> unknownSources(@QueryParam("limit") @DefaultValue("50") int limit) {
        return queries.unknownSources(RequestValues.checkLimit(limit, MAX_LIMIT));
    }
}
