package io.telops.billing.api;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.telops.billing.card.CallingCards;
import io.telops.billing.card.IssuedCard;
import io.telops.billing.ledger.LedgerRejection;

/** Calling cards: issues a card (or a new PIN) for an account; the PIN is in this answer only. */
@Path("/api/cards")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CardResource {
    public record IssueCard(String username) {
    }

    private final CallingCards cards;

    CardResource(CallingCards cards) {
        this.cards = cards;
    }

    @POST
    @RolesAllowed("admin")
    public Response issue(IssueCard body) {
        if (body == null || body.username() == null) {
            throw LedgerRejection.invalid("username is required");
        }
        IssuedCard card = cards.issue(body.username());
        return Response.created(URI.create("/api/users/" + card.username())).entity(card)
                .header("Cache-Control", "no-store").build();
    }
}
