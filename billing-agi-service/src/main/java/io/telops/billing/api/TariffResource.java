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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import io.telops.billing.ledger.LedgerRejection;
import io.telops.billing.ledger.Tariff;
import io.telops.billing.ledger.Tariffs;

/**
 * Tariffs by destination prefix; {@code GET /api/tariffs/match?destination=} shows which one a number gets. The
 * catch-all (empty prefix) lives at {@code /api/tariffs/catch-all}, since an empty path segment names the collection.
 */
@Path("/api/tariffs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TariffResource {
    /** The path segment of the empty prefix; no prefix can collide with it (prefixes are 0-9 + * #). */
    static final String CATCH_ALL = "catch-all";

    public record TariffBody(Optional<String> prefix, Optional<String> description, Long ratePerMinuteMinor,
                             Optional<Integer> initialIncrement, Optional<Integer> subsequentIncrement,
                             Optional<Long> connectionFeeMinor) {
    }

    public record TariffView(String prefix, Optional<String> description, long ratePerMinuteMinor, int initialIncrement,
                             int subsequentIncrement, long connectionFeeMinor) {
        static TariffView of(Tariff t) {
            return new TariffView(t.prefix, Optional.ofNullable(t.description), t.ratePerMinuteMinor, t.initialIncrement,
                    t.subsequentIncrement, t.connectionFeeMinor);
        }
    }

    private final Tariffs tariffs;

    TariffResource(Tariffs tariffs) {
        this.tariffs = tariffs;
    }

    @GET
    @RolesAllowed({"admin", "operator"})
    public List<TariffView> list() {
        return tariffs.list().stream().map(TariffView::of).toList();
    }

    @GET
    @Path("/match")
    @RolesAllowed({"admin", "operator"})
    public TariffView match(@QueryParam("destination") String destination) {
        if (destination == null || !destination.matches("[0-9+*#]{1,64}")) {
            throw LedgerRejection.invalid("destination: the dialled number");
        }
        return tariffs.match(destination).map(TariffView::of)
                .orElseThrow(() -> LedgerRejection.notFound("no tariff matches " + destination));
    }

    @GET
    @Path("/{prefix}")
    @RolesAllowed({"admin", "operator"})
    public TariffView get(@PathParam("prefix") String prefix) {
        return TariffView.of(tariffs.get(prefixOf(prefix)));
    }

    /** Creates or replaces; the body's prefix is required. */
    @POST
    @RolesAllowed("admin")
    public Response post(TariffBody body) {
        if (body == null || body.prefix().isEmpty()) {
            throw LedgerRejection.invalid("prefix is required");
        }
        TariffView created = put(segmentOf(body.prefix().get()), body);
        return Response.created(UriBuilder.fromResource(TariffResource.class).path("{prefix}")
                .build(segmentOf(created.prefix()))).entity(created).build();
    }

    @PUT
    @Path("/{prefix}")
    @RolesAllowed("admin")
    public TariffView put(@PathParam("prefix") String segment, TariffBody body) {
        String prefix = prefixOf(segment);
        if (body == null || body.ratePerMinuteMinor() == null) {
            throw LedgerRejection.invalid("ratePerMinuteMinor is required");
        }
        if (body.prefix().isPresent() && !body.prefix().get().equals(prefix)) {
            throw LedgerRejection.invalid("prefix in the body differs from the path");
        }
        return TariffView.of(tariffs.put(new Tariffs.TariffSpec(prefix, body.description(), body.ratePerMinuteMinor(),
                body.initialIncrement().orElse(60), body.subsequentIncrement().orElse(60), body.connectionFeeMinor().orElse(0L))));
    }

    @DELETE
    @Path("/{prefix}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("prefix") String prefix) {
        tariffs.delete(prefixOf(prefix));
        return Response.noContent().build();
    }

    private static String prefixOf(String segment) {
        return CATCH_ALL.equals(segment) ? "" : segment;
    }

    private static String segmentOf(String prefix) {
        return prefix.isEmpty() ? CATCH_ALL : prefix;
    }
}
