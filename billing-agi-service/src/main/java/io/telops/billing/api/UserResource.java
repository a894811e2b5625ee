package io.telops.billing.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.AccountStatus;
import io.telops.billing.ledger.Accounts;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.History;
import io.telops.billing.ledger.LedgerEntry;
import io.telops.billing.ledger.LedgerRejection;
import io.telops.billing.rating.RatePlans;
import io.telops.security.SessionLogin;

/** The seed's /api/users: accounts by username, with their balance and ledger. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
    public record CreateUser(String username, String password, String clid, Optional<String> imsi, Optional<Boolean> admin,
                             Optional<String> currency) {
    }

    /** {@code PUT /api/users/{username}/plan}: absent fields mean no own plan, the same currency, UTC, no own threshold. */
    public record Terms(Optional<String> plan, Optional<String> currency, Optional<String> timeZone, Optional<Long> lowBalanceMinor) {
    }

    /** {@code PUT /api/users/{username}/limits}: absent fields mean no limit (and no permission). */
    public record Limits(Optional<Integer> maxConcurrentCalls, Optional<Long> maxSpendPerHourMinor,
                         Optional<Long> maxSpendPerDayMinor, Optional<List<String>> permissions) {
        static Limits of(Account a) {
            return new Limits(Optional.ofNullable(a.maxConcurrentCalls), Optional.ofNullable(a.maxSpendHourMinor),
                    Optional.ofNullable(a.maxSpendDayMinor),
                    Optional.ofNullable(a.permissions).map(p -> List.of(p.split(","))));
        }
    }

    public record PatchUser(Optional<String> username, Optional<String> password, Optional<String> clid,
                            Optional<String> imsi, Optional<Boolean> admin, Optional<String> status) {
    }

    public record Balance(String username, long balanceMinor, long reservedMinor, String currency) {
    }

    public record Entry(long id, String kind, long amountMinor, long balanceAfter, Optional<String> callUniqueId,
                        Optional<String> note, Optional<String> actor, Instant at) {
        static Entry of(LedgerEntry e) {
            return new Entry(e.id, e.kind.name(), e.amountMinor, e.balanceAfter, Optional.ofNullable(e.callUniqueId),
                    Optional.ofNullable(e.note), Optional.ofNullable(e.actor), e.createdAt);
        }
    }

    private final Accounts accounts;
    private final History history;
    private final BillingConfig config;
    private final SessionLogin sessions;
    private final RatePlans plans;

    UserResource(Accounts accounts, History history, BillingConfig config, SessionLogin sessions, RatePlans plans) {
        this.plans = plans;
        this.accounts = accounts;
        this.history = history;
        this.config = config;
        this.sessions = sessions;
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<AccountView> list(@QueryParam("clid") Optional<String> clid, @QueryParam("imsi") Optional<String> imsi,
                                  @QueryParam("offset") @DefaultValue("0") int offset,
                                  @QueryParam("limit") @DefaultValue("100") int limit) {
        return accounts.list(clid, imsi, Math.max(0, offset), Paging.limit(limit)).stream()
                .map(a -> AccountView.of(a)).toList();
    }

    @GET
    @Path("/{username}")
    @RolesAllowed({"admin", "operator"})
    public AccountView get(@PathParam("username") String username) {
        return AccountView.of(accounts.get(username));
    }

    @POST
    @RolesAllowed("admin")
    public Response create(CreateUser body) {
        if (body == null) {
            throw LedgerRejection.invalid("a JSON body is required");
        }
        Account a = accounts.create(new Accounts.NewAccount(body.username(), body.password(), body.clid(),
                body.imsi().filter(i -> !i.isEmpty()), body.admin().orElse(false)), body.currency());
        return Response.created(URI.create("/api/users/" + a.username)).entity(AccountView.of(a)).build();
    }

    @PATCH
    @Path("/{username}")
    @RolesAllowed("admin")
    public AccountView patch(@PathParam("username") String username, PatchUser body) {
        if (body == null) {
            throw LedgerRejection.invalid("a JSON body is required");
        }
        Optional<AccountStatus> status = body.status().map(s -> {
            try {
                return AccountStatus.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw LedgerRejection.invalid("status: ACTIVE or BLOCKED");
            }
        });
        Account changed = accounts.change(username, new Accounts.AccountChange(body.username(), body.password(),
                body.clid(), body.imsi(), body.admin(), status));
        if (body.username().isPresent() || body.password().isPresent() || body.admin().isPresent() || status.isPresent()) {
            // who may sign in, and as what, has changed: no session outlives that
            sessions.endSessionsOf(username);
        }
        return AccountView.of(changed);
    }

    @DELETE
    @Path("/{username}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("username") String username) {
        accounts.delete(username);
        sessions.endSessionsOf(username);
        return Response.noContent().build();
    }

    @PUT
    @Path("/{username}/plan")
    @RolesAllowed("admin")
    public AccountView terms(@PathParam("username") String username, Terms body) {
        if (body == null) {
            throw LedgerRejection.invalid("a JSON body is required");
        }
        return AccountView.of(plans.assign(username, new RatePlans.AccountTerms(body.plan(), body.currency(), body.timeZone(),
                body.lowBalanceMinor())));
    }

    @PUT
    @Path("/{username}/limits")
    @RolesAllowed("admin")
    public AccountView limits(@PathParam("username") String username, Limits body) {
        if (body == null) {
            throw LedgerRejection.invalid("a JSON body is required");
        }
        return AccountView.of(accounts.limit(username, new Accounts.CallLimits(body.maxConcurrentCalls(),
                body.maxSpendPerHourMinor(), body.maxSpendPerDayMinor(), body.permissions().orElse(List.of()))));
    }

    @GET
    @Path("/{username}/balance")
    @RolesAllowed({"admin", "operator"})
    public Balance balance(@PathParam("username") String username) {
        Account a = accounts.get(username);
        return new Balance(a.username, a.balanceMinor, history.reserved(a.id), a.currency);
    }

    @GET
    @Path("/{username}/ledger")
    @RolesAllowed({"admin", "operator"})
    public List<Entry> ledger(@PathParam("username") String username, @QueryParam("before") Optional<Long> before,
                              @QueryParam("limit") @DefaultValue("100") int limit) {
        Account a = accounts.get(username);
        return history.entries(a.id, before, Paging.limit(limit)).stream().map(Entry::of).toList();
    }
}
