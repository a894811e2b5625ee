package io.telops.billing.api;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.telops.billing.ledger.BillingGroup;
import io.telops.billing.ledger.Groups;
import io.telops.billing.ledger.LedgerRejection;
import io.telops.billing.rating.RatePlans;

/** The seed's /api/groups: {@code {"name","day","month","year","count","users":[ids]}}, plus {@code creditMinor}. */
@Path("/api/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class GroupResource {
    public record GroupBody(Optional<String> name, Optional<Integer> day, Optional<Integer> month, Optional<Integer> year,
                            Optional<Integer> count, Optional<Long> creditMinor, Optional<List<Long>> users) {
        Groups.GroupSpec spec() {
            return new Groups.GroupSpec(name, day, month, year, count, creditMinor, users);
        }
    }

    public record GroupView(long id, String name, LocalDate expiresOn, int day, int month, int year, int count,
                            long creditMinor, boolean expired, List<Long> users, Optional<Long> planId) {
        static GroupView of(BillingGroup g) {
            return new GroupView(g.id, g.name, g.expiresOn, g.expiresOn.getDayOfMonth(), g.expiresOn.getMonthValue(),
                    g.expiresOn.getYear(), g.remainingCount, g.creditMinor, !g.validOn(LocalDate.now(java.time.ZoneOffset.UTC)),
                    g.members.stream().map(a -> a.id).sorted().toList(), Optional.ofNullable(g.planId));
        }
    }

    /** {@code PUT /api/groups/{name}/plan}: absent plan means none. */
    public record GroupPlan(Optional<String> plan) {
    }

    private final Groups groups;
    private final RatePlans plans;

    GroupResource(Groups groups, RatePlans plans) {
        this.groups = groups;
        this.plans = plans;
    }

    @PUT
    @Path("/{name}/plan")
    @RolesAllowed("admin")
    public GroupView plan(@PathParam("name") String name, GroupPlan body) {
        if (body == null) {
            throw LedgerRejection.invalid("a JSON body is required");
        }
        plans.assignToGroup(name, body.plan());
        return GroupView.of(groups.get(name));
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<GroupView> list() {
        return groups.list().stream().map(GroupView::of).toList();
    }

    @GET
    @Path("/{name}")
    @RolesAllowed({"admin", "operator"})
    public GroupView get(@PathParam("name") String name) {
        return GroupView.of(groups.get(name));
    }

    @POST
    @RolesAllowed("admin")
    public Response create(GroupBody body) {
        if (body == null) {
            throw LedgerRejection.invalid("a JSON body is required");
        }
        BillingGroup g = groups.create(body.spec());
        return Response.created(URI.create("/api/groups/" + g.name.replace(" ", "%20"))).entity(GroupView.of(groups.get(g.name))).build();
    }

    @PATCH
    @Path("/{name}")
    @RolesAllowed("admin")
    public GroupView patch(@PathParam("name") String name, GroupBody body) {
        if (body == null) {
            throw LedgerRejection.invalid("a JSON body is required");
        }
        BillingGroup g = groups.change(name, body.spec());
        return GroupView.of(groups.get(g.name));
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("name") String name) {
        groups.delete(name);
        return Response.noContent().build();
    }
}
