package io.telops.billing.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.telops.billing.ledger.Accounts;
import io.telops.billing.ledger.Cdr;
import io.telops.billing.ledger.History;
import io.telops.billing.ledger.LedgerRejection;

/** CDR search: {@code ?username=&destination=<prefix>&uniqueid=&from=<ISO instant>&to=&offset=&limit=}. */
@Path("/api/cdrs")
@Produces(MediaType.APPLICATION_JSON)
public class CdrResource {
    public record CdrView(long id, String callUniqueId, long accountId, String callerId, String destination,
                          Optional<String> channel, String tariffPrefix, int billsec, int billedSeconds, long amountMinor,
                          Instant settledAt) {
        static CdrView of(Cdr c) {
            return new CdrView(c.id, c.callUniqueId, c.accountId, c.callerId, c.destination, Optional.ofNullable(c.channel),
                    c.tariffPrefix, c.billsec, c.billedSeconds, c.amountMinor, c.settledAt);
        }
    }

    private final History history;
    private final Accounts accounts;

    CdrResource(History history, Accounts accounts) {
        this.history = history;
        this.accounts = accounts;
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<CdrView> search(@QueryParam("username") Optional<String> username,
                                @QueryParam("destination") Optional<String> destination,
                                @QueryParam("uniqueid") Optional<String> uniqueId,
                                @QueryParam("from") Optional<String> from, @QueryParam("to") Optional<String> to,
                                @QueryParam("offset") @DefaultValue("0") int offset,
                                @QueryParam("limit") @DefaultValue("100") int limit) {
        Optional<Long> account = username.map(u -> accounts.get(u).id);
        return history.cdrs(new History.CdrFilter(account, destination, uniqueId, from.map(CdrResource::instant),
                to.map(CdrResource::instant)), Math.max(0, offset), Paging.limit(limit)).stream().map(CdrView::of).toList();
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw LedgerRejection.invalid("from/to: ISO-8601 instants like 2026-11-25T08:00:00Z");
        }
    }
}
