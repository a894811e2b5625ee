package io.telops.dashboard.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import io.telops.dashboard.phone.Page;

/**
 * Plain JDBC reads of a typed view with {@code ?} parameters, for the query classes that build their SQL by hand;
 * {@link NativeRows} is the same for JPA tuples. A database failure becomes an {@link IllegalStateException} that
 * names the view.
 */
public final class JdbcRows {
    private final DataSource dataSource;
    private final String view;

    /** One row of a result set as a view record. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** @param view the read model's name in error messages ("devices view") */
    public JdbcRows(DataSource dataSource, String view) {
        this.dataSource = dataSource;
        this.view = view;
    }

    public <T> List<T> list(String sql, List<?> params, Row<T> row) {
        try (Connection connection = dataSource.getConnection()) {
            return list(connection, sql, params, row);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    public <T> Optional<T> first(String sql, List<?> params, Row<T> row) {
        return list(sql, params, row).stream().findFirst();
    }

    /** One page: {@code countSql} counts every row, {@code rowsSql} (ordered, without limit) gives the page's. */
    public <T> Page<T> page(String countSql, String rowsSql, List<?> params, int page, int size, Row<T> row) {
        try (Connection connection = dataSource.getConnection()) {
            long total = list(connection, countSql, params, rs -> rs.getLong(1)).get(0);
            List<Object> paged = new ArrayList<>(params);
            paged.add(size);
            paged.add((long) page * size);
            return new Page<>(list(connection, rowsSql + " limit ? offset ?", paged, row), page, size, total);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /** A {@code like ? escape '\'} pattern that finds {@code fragment} anywhere, its wildcards taken literally. */
    public static String contains(String fragment) {
        return "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    public static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static <T> List<T> list(Connection connection, String sql, List<?> params, Row<T> row) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        }
    }

    private IllegalStateException failed(SQLException e) {
        return new IllegalStateException(view + ": " + e.getMessage(), e);
    }
}
