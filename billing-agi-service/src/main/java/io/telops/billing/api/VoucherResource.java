package io.telops.billing.api;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import io.telops.billing.ledger.Accounts;
import io.telops.billing.ledger.BillingConfig;
import io.telops.billing.ledger.LedgerRejection;
import io.telops.billing.voucher.Redemption;
import io.telops.billing.voucher.VoucherBatch;
import io.telops.billing.voucher.VoucherRefusal;
import io.telops.billing.voucher.Vouchers;

/** Voucher batches (their codes are in the creation answer only) and redemption for an account. */
@Path("/api/vouchers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VoucherResource {
    public record CreateBatch(Integer count, Integer digits, Long valueMinor, Optional<String> currency, Instant expiresAt) {
    }

    public record Batch(long id, int size, int digits, long valueMinor, String currency, Instant expiresAt, String createdBy,
                        Instant createdAt, long redeemed, List<String> codes) {
        static Batch of(VoucherBatch b) {
            return new Batch(b.id(), b.size(), b.digits(), b.valueMinor(), b.currency(), b.expiresAt(), b.createdBy(),
                    b.createdAt(), b.redeemed(), b.codes());
        }
    }

    public record Redeem(String code, String username) {
    }

    public record Credited(long voucherId, long batchId, String username, long amountMinor, long balanceMinor, long entryId,
                           String currency) {
    }

    private final Vouchers vouchers;
    private final Accounts accounts;
    private final BillingConfig config;

    VoucherResource(Vouchers vouchers, Accounts accounts, BillingConfig config) {
        this.vouchers = vouchers;
        this.accounts = accounts;
        this.config = config;
    }

    /** The one answer that holds the codes: not to be cached anywhere on the way. */
    @POST
    @Path("/batches")
    @RolesAllowed("admin")
    public Response create(CreateBatch body, @Context SecurityContext who) {
        if (body == null || body.count() == null || body.digits() == null || body.valueMinor() == null
                || body.expiresAt() == null) {
            throw LedgerRejection.invalid("count, digits, valueMinor and expiresAt are required");
        }
        VoucherBatch b = vouchers.generate(new Vouchers.NewBatch(body.count(), body.digits(), body.valueMinor(),
                body.currency().orElse(config.currency()), body.expiresAt()), who.getUserPrincipal().getName());
        return Response.created(URI.create("/api/vouchers/batches/" + b.id())).entity(Batch.of(b))
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("/batches/{id}")
    @RolesAllowed({"admin", "operator"})
    public Batch get(@PathParam("id") long id) {
        return Batch.of(vouchers.batch(id));
    }

    @POST
    @Path("/redemptions")
    @RolesAllowed("admin")
    public Credited redeem(Redeem body, @Context SecurityContext who) {
        if (body == null || body.code() == null || body.username() == null) {
            throw LedgerRejection.invalid("code and username are required");
        }
        var account = accounts.get(body.username());
        Redemption r = vouchers.redeem(body.code(), account.id, who.getUserPrincipal().getName());
        if (r instanceof Redemption.Credited c) {
            return new Credited(c.voucherId(), c.batchId(), account.username, c.amountMinor(), c.balanceAfter(),
                    c.ledgerEntryId(), config.currency());
        }
        VoucherRefusal reason = ((Redemption.Refused) r).reason();
        if (reason == VoucherRefusal.NOT_A_CODE) {
            throw LedgerRejection.invalid("code: " + Vouchers.MIN_DIGITS + " to " + Vouchers.MAX_DIGITS + " digits");
        }
        throw LedgerRejection.conflict("voucher not redeemed: " + reason);
    }
}
