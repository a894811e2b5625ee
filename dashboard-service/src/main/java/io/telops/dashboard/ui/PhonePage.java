package io.telops.dashboard.ui;

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
import io.telops.dashboard.api.RequestValues;
import io.telops.dashboard.phone.PhoneQueries;
import io.telops.dashboard.phone.PhoneView;

/** A page per phone: its card, its calls and its full history, paged. */
@Path("/phones/{mac}")
@RolesAllowed({"admin", "operator"})
public class PhonePage {
    static final int ROWS_PER_PAGE = 50;

    private final PhoneQueries queries;
    private final Template phonePage;

    PhonePage(PhoneQueries queries, @Location("phone.html") Template phonePage) {
        this.queries = queries;
        this.phonePage = phonePage;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance show(@PathParam("mac") String rawMac, @QueryParam("page") @DefaultValue("0") int page) {
        String mac = RequestValues.pageMac(rawMac);
        PhoneView phone = queries.find(mac).orElseThrow(() -> new NotFoundException("no such phone"));
        int safePage = Math.max(0, page);
        return phonePage.data("phone", phone)
                .data("history", queries.history(mac, safePage, ROWS_PER_PAGE))
                .data("calls", queries.calls(mac, 0, 20))
                .data("pagerLink", PagerLink.of("/phones/" + mac));
    }
}
