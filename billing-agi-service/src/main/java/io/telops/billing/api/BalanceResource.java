package io.telops.billing.api;

import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import io.telops.billing.ledger.Account;
import io.telops.billing.ledger.Accounts;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.Ledger;
import io.telops.billing.ledger.LedgerEntry;
import io.telops.billing.ledger.LedgerRejection;

/**
 * The seed's {@code POST /api/balance}: {@code {"signal":"+","type_":"increase","value":"1000","userId":1}}.
 * {@code signal} decides the direction ({@code +} top-up, {@code -} deduction); {@code type_}, when sent,
 * must agree ({@code increase}/{@code decrease}); {@code value} is a positive whole number of minor units
 * (number or digit string); the account is {@code userId} or {@code username}.
 */
@Path("/api/balance")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class BalanceResource {
    public record BalanceRequest(String signal, @JsonProperty("type_") Optional<String> type, JsonNode value,
                                 JsonNode userId, Optional<String> username, Optional<String> note) {
    }

    public record BalanceResult(long userId, String username, long entryId, String kind, long amountMinor,
                                long balanceMinor, String currency) {
    }

    private final Ledger ledger;
    private final Accounts accounts;
    private final BillingConfig config;

    BalanceResource(Ledger ledger, Accounts accounts, BillingConfig config) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.config = config;
    }

    @POST
    @RolesAllowed("admin")
    public BalanceResult post(BalanceRequest body, @Context SecurityContext who) {
        if (body == null) {
            throw LedgerRejection.invalid("a JSON body is required");
        }
        int sign = switch (String.valueOf(body.signal())) {
            case "+" -> 1;
            case "-" -> -1;
            default -> throw LedgerRejection.invalid("signal: \"+\" (top-up) or \"-\" (deduction)");
        };
        body.type().ifPresent(t -> {
            String expected = sign > 0 ? "increase" : "decrease";
            if (!t.equals(expected)) {
                throw LedgerRejection.invalid("type_ '" + t + "' contradicts signal '" + body.signal() + "' (expected " + expected + ")");
            }
        });
        long value = minorUnits(body.value());
        Account account = Optional.ofNullable(body.userId()).filter(n -> !n.isNull()).map(BalanceResource::id).map(accounts::get)
                .or(() -> body.username().map(accounts::get))
                .orElseThrow(() -> LedgerRejection.invalid("userId or username is required"));
        LedgerEntry e = ledger.adjust(account.id, sign * value, body.note().orElse(sign > 0 ? "top-up" : "deduction"),
                who.getUserPrincipal().getName());
        return new BalanceResult(account.id, account.username, e.id, e.kind.name(), e.amountMinor, e.balanceAfter, account.currency);
    }

    private static long minorUnits(JsonNode value) {
        if (value != null && value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0) {
            return value.asLong();
        }
        if (value != null && value.isTextual() && value.asText().matches("[0-9]{1,15}") && Long.parseLong(value.asText()) > 0) {
            return Long.parseLong(value.asText());
        }
        throw LedgerRejection.invalid("value: a positive whole number of minor units, e.g. 1000 or \"1000\"");
    }

    private static long id(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isTextual() && node.asText().matches("[0-9]{1,18}")) {
            return Long.parseLong(node.asText());
        }
        throw LedgerRejection.invalid("userId: a number");
    }
}
