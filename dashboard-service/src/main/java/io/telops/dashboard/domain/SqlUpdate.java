package io.telops.dashboard.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

/**
 * One SQL statement with {@code :name} parameters, run on the transaction's own JDBC connection, for typed
 * {@link DomainProjection}s; a parameter may stand more than once. Plain JDBC gives typed NULLs (a late event leaves many columns empty) and does not
 * flush the feed's pending entity inserts the way a Hibernate native query would.
 */
public final class SqlUpdate {
    private static final Pattern PARAMETER = Pattern.compile("(?<!:):([a-zA-Z][a-zA-Z0-9]*)");

    private final String sql;
    private final List<String> names = new ArrayList<>();
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, Integer> nullTypes = new HashMap<>();

    public SqlUpdate(String namedSql) {
        Matcher m = PARAMETER.matcher(namedSql);
        StringBuilder positional = new StringBuilder();
        while (m.find()) {
            names.add(m.group(1));
            m.appendReplacement(positional, "?");
        }
        m.appendTail(positional);
        this.sql = positional.toString();
    }

    public SqlUpdate set(String name, String value) {
        return bind(name, value, Types.VARCHAR);
    }

    public SqlUpdate set(String name, Integer value) {
        return bind(name, value, Types.INTEGER);
    }

    public SqlUpdate set(String name, Long value) {
        return bind(name, value, Types.BIGINT);
    }

    public SqlUpdate set(String name, Boolean value) {
        return bind(name, value, Types.BOOLEAN);
    }

    public SqlUpdate set(String name, Instant value) {
        return bind(name, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }

    public int run(EntityManager entityManager) {
        return entityManager.unwrap(Session.class).doReturningWork(this::run);
    }

    /** Runs on a connection the caller holds: in a transaction, the one its data source hands out for it. */
    public int run(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (!nullTypes.containsKey(name)) {
                    throw new IllegalStateException("parameter :" + name + " was not set");
                }
                Object value = values.get(name);
                if (value == null) {
                    statement.setNull(i + 1, nullTypes.get(name));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement.executeUpdate();
        }
    }

    private SqlUpdate bind(String name, Object value, int sqlType) {
        values.put(name, value);
        nullTypes.put(name, sqlType);
        return this;
    }
}
