package io.telops.dashboard.devices;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.telops.contracts.Topics;
import io.telops.dashboard.api.RequestValues;
import io.telops.dashboard.domain.Labelled;
import io.telops.dashboard.feed.FeedQueries;
import io.telops.dashboard.ui.PagerLink;

/** The devices table (filterable, live) and a page per device with its refused fetches and recent events. */
@Path("/devices")
@RolesAllowed({"admin", "operator"})
public class DevicesPage {
    static final int ROWS_PER_PAGE = 50;
    private static final List<String> STATUSES = Labelled.labels(DeviceStatus.class);

    private final DeviceQueries queries;
    private final FeedQueries feed;
    private final Template devices;
    private final Template device;

    DevicesPage(DeviceQueries queries, FeedQueries feed, @Location("devices.html") Template devices,
                @Location("device.html") Template device) {
        this.queries = queries;
        this.feed = feed;
        this.devices = devices;
        this.device = device;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance list(@QueryParam("mac") String mac, @QueryParam("model") String model,
                                 @QueryParam("status") String status, @QueryParam("page") @DefaultValue("0") int page) {
        String knownStatus = RequestValues.choice(status, STATUSES).orElse(null);
        DeviceFilter filter = DeviceFilter.of(mac, model, knownStatus);
        int safePage = Math.max(0, page);
        String macText = RequestValues.text(mac).orElse("");
        String modelText = RequestValues.text(model).orElse("");
        String statusText = Optional.ofNullable(knownStatus).orElse("");
        return devices.data("devices", queries.search(filter, safePage, ROWS_PER_PAGE))
                .data("mac", macText)
                .data("model", modelText)
                .data("status", statusText)
                .data("statuses", STATUSES)
                .data("pagerLink", PagerLink.of("/devices", "mac", macText, "model", modelText, "status", statusText))
                .data("sources", queries.unknownSources(20))
                .data("topic", Topics.PROVISIONING_EVENTS);
    }

    @GET
    @Path("/{mac}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance show(@PathParam("mac") String rawMac) {
        String mac = RequestValues.pageMac(rawMac);
        DeviceView view = queries.find(mac).orElseThrow(() -> new NotFoundException("no such device"));
        return device.data("device", view)
                .data("failures", queries.authFailures(mac, 20))
                .data("events", feed.recent(Topics.PROVISIONING_EVENTS, Optional.of(mac), Optional.empty(), 20))
                .data("topic", Topics.PROVISIONING_EVENTS);
    }
}
