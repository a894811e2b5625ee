package io.telops.dashboard.domain;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;

import io.telops.dashboard.phone.Page;

/**
 * Native SQL reads of a typed view as JPA tuples, with {@code :name} parameters, and the column conversions its
 * query classes share. Runs in the caller's transaction.
 */
public final class NativeRows {
    private final EntityManager entityManager;

    public NativeRows(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @SuppressWarnings("unchecked")
    public List<Tuple> list(String sql, Map<String, Object> params) {
        Query query = entityManager.createNativeQuery(sql, Tuple.class);
        params.forEach(query::setParameter);
        return query.getResultList();
    }

    /** The rows of {@code sql}, which selects by {@code :ids}, grouped by {@code column}; each group keeps the query's order. */
    public <T> Map<String, List<T>> grouped(String sql, List<String> ids, String column, Function<Tuple, T> view) {
        Map<String, List<T>> groups = new LinkedHashMap<>();
        for (Tuple row : list(sql, Map.of("ids", ids))) {
            groups.computeIfAbsent(row.get(column, String.class), k -> new ArrayList<>()).add(view.apply(row));
        }
        return groups;
    }

    /**
     * One page of rows: {@code countSql} counts them all, {@code rowsSql} (ending in {@code limit :limit offset
     * :offset}) reads the page's, which {@code views} turns into items.
     */
    public <T> Page<T> page(String countSql, String rowsSql, Map<String, Object> params, int page, int size,
                            Function<List<Tuple>, List<T>> views) {
        Query count = entityManager.createNativeQuery(countSql);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        Map<String, Object> paged = new LinkedHashMap<>(params);
        paged.put("limit", size);
        paged.put("offset", (long) page * size);
        return new Page<>(views.apply(list(rowsSql, paged)), page, size, total);
    }

    public static Optional<String> text(Tuple row, String column) {
        return Optional.ofNullable(row.get(column)).map(Object::toString);
    }

    public static Optional<Long> number(Object value) {
        return Optional.ofNullable(value).map(v -> ((Number) v).longValue());
    }

    public static Optional<Instant> optionalInstant(Object value) {
        return Optional.ofNullable(value).map(NativeRows::instant);
    }

    /** A timestamp column as the driver hands it over, whichever of the JDBC types that is. */
    public static Instant instant(Object value) {
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
