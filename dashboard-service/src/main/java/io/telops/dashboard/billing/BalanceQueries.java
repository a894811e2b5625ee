package io.telops.dashboard.billing;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.telops.dashboard.phone.Page;

/** Reads the balances view for the API and the page. */
@ApplicationScoped
@Transactional
public class BalanceQueries {
    private final EntityManager entityManager;

    BalanceQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Accounts, most recently active first. */
    public Page<AccountView> accounts(int page, int size) {
        long total = count("select count(*) from bl_account", Map.of());
        List<Tuple> rows = tuples("select * from bl_account order by last_event_at desc, account_id limit :limit offset :offset",
                Map.of("limit", size, "offset", (long) page * size));
        return new Page<>(rows.stream().map(BalanceQueries::account).toList(), page, size, total);
    }

    public Optional<AccountView> account(long accountId) {
        return tuples("select * from bl_account where account_id = :account", Map.of("account", accountId))
                .stream().map(BalanceQueries::account).findFirst();
    }

    /** Ledger events, newest first, of one account or of all (refusals of unknown callers included). */
    public Page<LedgerEntry> events(Optional<Long> accountId, int page, int size) {
        String where = accountId.isPresent() ? " where account_id = :account" : "";
        Map<String, Object> params = new LinkedHashMap<>();
        accountId.ifPresent(a -> params.put("account", a));
        long total = count("select count(*) from bl_event" + where, params);
        params.put("limit", size);
        params.put("offset", (long) page * size);
        List<Tuple> rows = tuples("select * from bl_event" + where + " order by occurred_at desc, applied_seq desc limit :limit offset :offset", params);
        return new Page<>(rows.stream().map(BalanceQueries::entry).toList(), page, size, total);
    }

    private static AccountView account(Tuple r) {
        return new AccountView(number(r.get("account_id")).orElseThrow(), text(r, "username"), text(r, "currency"),
                number(r.get("balance_minor")), Optional.ofNullable(r.get("balance_at")).map(BalanceQueries::instant),
                number(r.get("calls_authorised")).orElse(0L), number(r.get("calls_refused")).orElse(0L),
                number(r.get("calls_settled")).orElse(0L), number(r.get("spent_minor")).orElse(0L),
                instant(r.get("last_event_at")), Boolean.TRUE.equals(r.get("low")), number(r.get("low_threshold_minor")),
                Optional.ofNullable(r.get("low_since")).map(BalanceQueries::instant));
    }

    private static LedgerEntry entry(Tuple r) {
        return new LedgerEntry(r.get("event_id", String.class), r.get("event_key", String.class), number(r.get("account_id")),
                r.get("kind", String.class), instant(r.get("occurred_at")), number(r.get("amount_minor")),
                number(r.get("balance_minor")), text(r, "currency"), text(r, "reason"), text(r, "call_id"),
                text(r, "caller_id"), text(r, "destination"), r.get("summary", String.class));
    }

    private long count(String sql, Map<String, Object> params) {
        Query query = entityManager.createNativeQuery(sql);
        params.forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<Tuple> tuples(String sql, Map<String, Object> params) {
        Query query = entityManager.createNativeQuery(sql, Tuple.class);
        params.forEach(query::setParameter);
        return query.getResultList();
    }

    private static Optional<Long> number(Object value) {
        return Optional.ofNullable(value).map(v -> ((Number) v).longValue());
    }

    private static Optional<String> text(Tuple row, String column) {
        return Optional.ofNullable(row.get(column)).map(Object::toString);
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + (value == null ? "null" : value.getClass()));
    }
}
