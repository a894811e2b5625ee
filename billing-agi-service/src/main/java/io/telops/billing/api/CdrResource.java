package io.telops.billing.api;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import io.telops.billing.ledger.Accounts;
import io.telops.billing.ledger.Cdr;
import io.telops.billing.ledger.CdrExport;
import io.telops.billing.ledger.History;
import io.telops.billing.ledger.LedgerRejection;

/**
 * CDR search: {@code ?username=&destination=<prefix>&uniqueid=&from=<ISO instant>&to=&offset=&limit=}; with
 * {@code Accept: text/csv} every matching row, streamed (offset and limit do not apply).
 */
@Path("/api/cdrs")
@Produces(MediaType.APPLICATION_JSON)
public class CdrResource {
    public record CdrView(long id, String callUniqueId, long accountId, String callerId, String destination,
                          Optional<String> channel, String tariffPrefix, int billsec, int billedSeconds, long amountMinor,
                          Instant settledAt, Optional<Integer> duration, Optional<String> dialStatus,
                          Optional<Integer> hangupCause, Optional<String> dialledPeer, Optional<String> callerImsi,
                          Optional<String> calleeImsi, Optional<Long> ratePerMinuteMinor, Optional<Integer> initialIncrement,
                          Optional<Integer> subsequentIncrement, Optional<Long> connectionFeeMinor) {
        static CdrView of(Cdr c) {
            return new CdrView(c.id, c.callUniqueId, c.accountId, c.callerId, c.destination, Optional.ofNullable(c.channel),
                    c.tariffPrefix, c.billsec, c.billedSeconds, c.amountMinor, c.settledAt, Optional.ofNullable(c.duration),
                    Optional.ofNullable(c.dialStatus), Optional.ofNullable(c.hangupCause), Optional.ofNullable(c.dialledPeer),
                    Optional.ofNullable(c.callerImsi), Optional.ofNullable(c.calleeImsi),
                    Optional.ofNullable(c.ratePerMinuteMinor), Optional.ofNullable(c.initialIncrement),
                    Optional.ofNullable(c.subsequentIncrement), Optional.ofNullable(c.connectionFeeMinor));
        }
    }

    private final History history;
    private final Accounts accounts;
    private final CdrExport export;

    CdrResource(History history, Accounts accounts, CdrExport export) {
        this.history = history;
        this.accounts = accounts;
        this.export = export;
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<CdrView> search(@QueryParam("username") Optional<String> username,
                                @QueryParam("destination") Optional<String> destination,
                                @QueryParam("uniqueid") Optional<String> uniqueId,
                                @QueryParam("from") Optional<String> from, @QueryParam("to") Optional<String> to,
                                @QueryParam("offset") @DefaultValue("0") int offset,
                                @QueryParam("limit") @DefaultValue("100") int limit) {
        return history.cdrs(filter(username, destination, uniqueId, from, to), Math.max(0, offset), Paging.limit(limit))
                .stream().map(CdrView::of).toList();
    }

    @GET
    @Produces("text/csv;qs=0.5") // JSON stays the answer to Accept: */*
    @RolesAllowed({"admin", "operator"})
    public Response export(@QueryParam("username") Optional<String> username,
                           @QueryParam("destination") Optional<String> destination,
                           @QueryParam("uniqueid") Optional<String> uniqueId,
                           @QueryParam("from") Optional<String> from, @QueryParam("to") Optional<String> to) {
        History.CdrFilter filter = filter(username, destination, uniqueId, from, to);
        StreamingOutput body = out -> export.write(filter, new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8)));
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition", "attachment; filename=\"cdrs.csv\"").build();
    }

    private History.CdrFilter filter(Optional<String> username, Optional<String> destination, Optional<String> uniqueId,
                                     Optional<String> from, Optional<String> to) {
        Optional<Long> account = username.map(u -> accounts.get(u).id);
        return new History.CdrFilter(account, destination, uniqueId, from.map(CdrResource::instant), to.map(CdrResource::instant));
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw LedgerRejection.invalid("from/to: ISO-8601 instants like 2026-11-25T08:00:00Z");
        }
    }
}
