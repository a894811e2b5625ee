package io.telops.dashboard.billing;

import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.telops.dashboard.api.PageRequest;
import io.telops.dashboard.phone.Page;

/** The balances view as JSON: accounts with their current balance and the billing events behind it. */
@Path("/api/balances")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "operator"})
@Tag(name = "balances", description = "Prepaid account balances and ledger events, from telops.billing-events")
public class BalanceResource {
    private final BalanceQueries queries;

    BalanceResource(BalanceQueries queries) {
        this.queries = queries;
    }

    @GET
    @Path("/accounts")
    @Operation(summary = "Accounts, most recently active first, with balance (minor units and currency), call counters and amount spent")
    public Page<AccountView> accounts(@BeanParam PageRequest paging) {
        paging.within(PageRequest.MAX_SIZE);
        return queries.accounts(paging.page(), paging.size());
    }

    @GET
    @Path("/accounts/{accountId}")
    @Operation(summary = "One account")
    public AccountView account(@PathParam("accountId") long accountId) {
        return queries.account(accountId).orElseThrow(() -> new NotFoundException("no account " + accountId + " has been heard of"));
    }

    @GET
    @Path("/accounts/{accountId}/events")
    @Operation(summary = "The account's billing events, newest first: balance changes, authorisations, refusals, settlements")
    public Page<LedgerEntry> accountEvents(@PathParam("accountId") long accountId, @BeanParam PageRequest paging) {
        paging.within(PageRequest.MAX_SIZE);
        account(accountId);
        return queries.events(Optional.of(accountId), paging.page(), paging.size());
    }

    @GET
    @Path("/events")
    @Operation(summary = "Billing events of all accounts, newest first, including refusals of unknown callers")
    public Page<LedgerEntry> events(@BeanParam PageRequest paging) {
        paging.within(PageRequest.MAX_SIZE);
        return queries.events(Optional.empty(), paging.page(), paging.size());
    }
}
