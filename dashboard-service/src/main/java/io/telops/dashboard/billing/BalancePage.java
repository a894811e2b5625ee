package io.telops.dashboard.billing;

import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.telops.contracts.Topics;

/** Accounts with their balances and the latest billing events; both sections follow telops.billing-events live. */
@Path("/balances")
@RolesAllowed({"admin", "operator"})
public class BalancePage {
    static final int ACCOUNTS = 100;
    static final int EVENTS = 50;

    private final BalanceQueries queries;
    private final Template page;

    BalancePage(BalanceQueries queries, @Location("billing/balances.html") Template page) {
        this.queries = queries;
        this.page = page;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance show() {
        return page.data("topic", Topics.BILLING_EVENTS)
                .data("accounts", queries.accounts(0, ACCOUNTS))
                .data("events", queries.events(Optional.empty(), 0, EVENTS));
    }
}
