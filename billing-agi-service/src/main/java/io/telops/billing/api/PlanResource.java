package io.telops.billing.api;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;

import io.telops.billing.ledger.LedgerRejection;
import io.telops.billing.rating.PeriodWindow;
import io.telops.billing.rating.RateCsv;
import io.telops.billing.rating.RatePlan;
import io.telops.billing.rating.RatePlans;

/** Rate plans, their periods, and their rates as CSV ({@code GET /api/plans/{name}/rates}, text/csv; the import: {@link RateImportRoute}). */
@Path("/api/plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {
    static final String CSV = "text/csv";

    /** A window of a period: {@code {"name":"peak","days":"MON-FRI","start":"08:00","end":"18:00"}}. */
    public record PeriodBody(String name, String days, String start, String end) {
        PeriodWindow window() {
            try {
                return new PeriodWindow(name, PeriodWindow.parseDays(days), PeriodWindow.parseMinute(start), PeriodWindow.parseMinute(end));
            } catch (IllegalArgumentException e) {
                throw LedgerRejection.invalid("period '" + name + "': " + e.getMessage());
            }
        }

        static PeriodBody of(PeriodWindow w) {
            return new PeriodBody(w.period(), PeriodWindow.formatDays(w.days()), PeriodWindow.formatMinute(w.startMinute()),
                    PeriodWindow.formatMinute(w.endMinute()));
        }
    }

    public record PlanBody(String name, String currency, Optional<Boolean> isDefault, Optional<Long> lowBalanceMinor,
                           Optional<List<PeriodBody>> periods) {
        RatePlans.PlanSpec spec(String pathName) {
            return new RatePlans.PlanSpec(name == null ? pathName : name, currency, isDefault.orElse(false), lowBalanceMinor,
                    periods.orElse(List.of()).stream().map(PeriodBody::window).toList());
        }
    }

    public record PlanView(long id, String name, String currency, boolean isDefault, Optional<Long> lowBalanceMinor,
                           List<PeriodBody> periods) {
        static PlanView of(RatePlan p) {
            return new PlanView(p.id, p.name, p.currency, p.isDefault, Optional.ofNullable(p.lowBalanceMinor),
                    p.periods.stream().map(x -> PeriodBody.of(x.window())).toList());
        }
    }

    public record ImportResult(String plan, long rates) {
    }

    private final RatePlans plans;
    private final RateCsv csv;

    PlanResource(RatePlans plans, RateCsv csv) {
        this.plans = plans;
        this.csv = csv;
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<PlanView> list() {
        return plans.list().stream().map(PlanView::of).toList();
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({"admin", "operator"})
    public PlanView get(@PathParam("name") String name) {
        return PlanView.of(plans.get(name));
    }

    @POST
    @RolesAllowed("admin")
    public Response create(PlanBody body) {
        if (body == null || body.name() == null) {
            throw LedgerRejection.invalid("a JSON body with a name is required");
        }
        RatePlan p = plans.create(body.spec(null));
        return Response.created(UriBuilder.fromResource(PlanResource.class).path("{name}").build(p.name))
                .entity(PlanView.of(plans.get(p.name))).build();
    }

    @PUT
    @Path("/{name}")
    @RolesAllowed("admin")
    public PlanView change(@PathParam("name") String name, PlanBody body) {
        if (body == null) {
            throw LedgerRejection.invalid("a JSON body is required");
        }
        plans.change(name, body.spec(name));
        return PlanView.of(plans.get(name));
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("name") String name) {
        plans.delete(name);
        return Response.noContent().build();
    }

    @GET
    @Path("/{name}/rates")
    @Produces(CSV)
    @RolesAllowed({"admin", "operator"})
    public Response exportRates(@PathParam("name") String name) {
        plans.get(name); // 404 before the stream starts
        StreamingOutput out = stream -> csv.exportRates(name, stream);
        return Response.ok(out, CSV).header("Content-Disposition", "attachment; filename=\"" + name + "-rates.csv\"").build();
    }
}
