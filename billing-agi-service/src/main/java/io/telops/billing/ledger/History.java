package io.telops.billing.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Parameters;

/** Read side of the ledger: entries, holds and CDRs. */
@ApplicationScoped
public class History {
    /** Newest first; {@code beforeId} pages backwards. */
    @Transactional
    public List<LedgerEntry> entries(long accountId, Optional<Long> beforeId, int limit) {
        String q = "accountId = :a" + (beforeId.isPresent() ? " and id < :before" : "") + " order by id desc";
        Parameters p = Parameters.with("a", accountId);
        if (beforeId.isPresent()) {
            p = p.and("before", beforeId.get());
        }
        return LedgerEntry.<LedgerEntry>find(q, p).page(0, limit).list();
    }

    /** Money currently held by open reservations (calls in progress). */
    @Transactional
    public long reserved(long accountId) {
        return LedgerEntry.getEntityManager().createQuery(
                "select coalesce(sum(r.amountMinor), 0) from Reservation r where r.accountId = :a and r.state = :s", Long.class)
                .setParameter("a", accountId).setParameter("s", ReservationState.OPEN).getSingleResult();
    }

    public record CdrFilter(Optional<Long> accountId, Optional<String> destinationPrefix, Optional<String> callUniqueId,
                            Optional<Instant> from, Optional<Instant> to) {
    }

    /** Newest first. */
    @Transactional
    public List<Cdr> cdrs(CdrFilter f, int offset, int limit) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (f.accountId().isPresent()) {
            q.append(" and accountId = :account");
            p = p.and("account", f.accountId().get());
        }
        if (f.destinationPrefix().isPresent()) {
            q.append(" and destination like :dest");
            p = p.and("dest", f.destinationPrefix().get().replaceAll("[^0-9+*#]", "") + "%");
        }
        if (f.callUniqueId().isPresent()) {
            q.append(" and callUniqueId = :uid");
            p = p.and("uid", f.callUniqueId().get());
        }
        if (f.from().isPresent()) {
            q.append(" and settledAt >= :from");
            p = p.and("from", f.from().get());
        }
        if (f.to().isPresent()) {
            q.append(" and settledAt < :to");
            p = p.and("to", f.to().get());
        }
        return Cdr.<Cdr>find(q + " order by settledAt desc, id desc", p).range(offset, offset + limit - 1).list();
    }
}
