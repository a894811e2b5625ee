package io.telops.dashboard.charts;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
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

import io.telops.dashboard.api.ProblemMappers;

/** The charts' buckets as JSON, for other tools (HTTP Basic). The page reads the same through {@code /ui/charts}. */
@Path("/api/charts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "operator"})
@Tag(name = "charts", description = "Per-minute, per-hour and per-day buckets kept by the projections")
public class ChartResource {
    private final ChartQueries queries;
    private final ChartsConfig config;

    ChartResource(ChartQueries queries, ChartsConfig config) {
        this.queries = queries;
        this.config = config;
    }

    /** A chart's id, title, bucket size, default window and endpoint. */
    public record ChartInfo(String id, String title, String bucket, String window, String endpoint) {
    }

    @GET
    @Operation(summary = "The charts there are")
    public List<ChartInfo> charts() {
        return Arrays.stream(Chart.values()).map(c -> new ChartInfo(c.id(), c.title(), c.bucket().toString(),
                c.window().toString(), "/api/charts/" + c.id())).toList();
    }

    @GET
    @Path("/{chart}")
    @Operation(summary = "One chart's buckets, oldest first per series",
            description = "events (per minute, by topic), calls (per hour of the call's start, by outcome), spend (per hour, "
                    + "by currency, minor units), trunk-changes (per UTC day, by origin), phones-online (sampled per minute). "
                    + "Buckets without a value are left out.")
    public ChartData chart(@PathParam("chart") String id,
                           @Parameter(description = "Hours to show, up to the chart's retention; default: the chart's window")
                           @QueryParam("hours") Integer hours) {
        return read(queries, config, id, hours);
    }

    /** Shared with the page's session-authenticated twin. */
    public static ChartData read(ChartQueries queries, ChartsConfig config, String id, Integer hours) {
        Chart chart = Chart.byId(id).orElseThrow(() -> new NotFoundException("no chart " + id));
        Duration window = chart.window();
        if (hours != null) {
            Duration max = ChartRetention.retentionOf(chart, config);
            if (hours < 1 || Duration.ofHours(hours).compareTo(max) > 0) {
                throw new ProblemMappers.BadRequest("hours must be between 1 and " + max.toHours() + " for " + id);
            }
            window = Duration.ofHours(hours);
        }
        return queries.read(chart, window);
    }
}
