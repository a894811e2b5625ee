package io.telops.dashboard.ui;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.telops.dashboard.charts.Chart;
import io.telops.dashboard.charts.ChartData;
import io.telops.dashboard.charts.ChartQueries;
import io.telops.dashboard.charts.ChartResource;
import io.telops.dashboard.charts.ChartsConfig;

/**
 * The charts page and the JSON it draws from. The page is signed in with the form session, which does not open
 * {@code /api} (Basic only), so it reads each chart from {@code /ui/charts/{chart}}: the same data as
 * {@code /api/charts/{chart}}.
 */
@Path("/")
@RolesAllowed({"admin", "operator"})
public class ChartsPage {
    private final ChartQueries queries;
    private final ChartsConfig config;
    private final Template charts;

    ChartsPage(ChartQueries queries, ChartsConfig config, @Location("charts.html") Template charts) {
        this.queries = queries;
        this.config = config;
        this.charts = charts;
    }

    @GET
    @Path("charts")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance show() {
        return charts.data("charts", List.of(Chart.values()));
    }

    @GET
    @Path("ui/charts/{chart}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public ChartData chart(@PathParam("chart") String id, @QueryParam("hours") Integer hours) {
        return ChartResource.read(queries, config, id, hours);
    }
}
