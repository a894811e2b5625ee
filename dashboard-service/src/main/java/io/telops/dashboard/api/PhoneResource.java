package io.telops.dashboard.api;

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

import io.telops.dashboard.phone.CallView;
import io.telops.dashboard.phone.LogView;
import io.telops.dashboard.phone.Page;
import io.telops.dashboard.phone.PhoneConfig;
import io.telops.dashboard.phone.PhoneFilter;
import io.telops.dashboard.phone.PhoneQueries;
import io.telops.dashboard.phone.PhoneState;
import io.telops.dashboard.phone.PhoneView;

/** The phone read model as JSON, for other tools. */
@Path("/api/phones")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "operator"})
@Tag(name = "phones", description = "Live state and history of the phones, from telops.phone-events")
public class PhoneResource {
    private final PhoneQueries queries;
    private final PhoneConfig config;

    PhoneResource(PhoneQueries queries, PhoneConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @GET
    @Operation(summary = "Phones, most recently heard first, each with its five most recent log rows",
            description = "All filters are case-insensitive substring matches and combine with AND.")
    public Page<PhoneView> list(
            @Parameter(description = "Matches MAC, IP, model, line, user, party name or number") @QueryParam("q") String text,
            @Parameter(description = "MAC or part of it, any separators") @QueryParam("mac") String mac,
            @Parameter(description = "Line address or directory number") @QueryParam("line") String line,
            @Parameter(description = "Calling or called party name or number") @QueryParam("party") String party,
            @Parameter(description = "in-call, off-hook, registered, unregistered, unknown or offline") @QueryParam("status") String status,
            @BeanParam PageRequest paging) {
        paging.within(config.maxPageSize());
        Optional<PhoneState> state = RequestValues.valid(() -> RequestValues.text(status).map(PhoneState::fromLabel));
        PhoneFilter filter = new PhoneFilter(RequestValues.text(text), RequestValues.text(mac), RequestValues.text(line),
                RequestValues.text(party), state);
        return queries.search(filter, paging.page(), paging.size());
    }

    @GET
    @Path("/{mac}")
    @Operation(summary = "One phone with its status, lines, users and most recent log rows")
    public PhoneView get(@PathParam("mac") String mac) {
        return queries.find(RequestValues.mac(mac)).orElseThrow(() -> new NotFoundException("no phone " + mac + " has been heard"));
    }

    @GET
    @Path("/{mac}/events")
    @Operation(summary = "The phone's event log, newest first, paged")
    public Page<LogView> events(@PathParam("mac") String mac, @BeanParam PageRequest paging) {
        paging.within(config.maxPageSize());
        return queries.history(existing(mac), paging.page(), paging.size());
    }

    @GET
    @Path("/{mac}/calls")
    @Operation(summary = "The phone's calls, newest first, with durations from Connected to Disconnected")
    public Page<CallView> calls(@PathParam("mac") String mac, @BeanParam PageRequest paging) {
        paging.within(config.maxPageSize());
        return queries.calls(existing(mac), paging.page(), paging.size());
    }

    private String existing(String mac) {
        String normalised = RequestValues.mac(mac);
        if (!queries.exists(normalised)) {
            throw new NotFoundException("no phone " + mac + " has been heard");
        }
        return normalised;
    }
}
