package io.telops.dashboard.charts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

/** Reads a chart's buckets: one range scan of the primary key, summed over shards. */
@ApplicationScoped
public class ChartQueries {
    private static final String BUCKETS = """
            select series, bucket_start, sum(value) from chart_bucket
            where chart = ? and bucket_start >= ? and bucket_start < ?
            group by series, bucket_start order by series, bucket_start""";

    private final DataSource dataSource;

    ChartQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The chart over {@code window} up to the current bucket, which is included. */
    public ChartData read(Chart chart, Duration window) {
        Instant to = chart.bucketOf(Instant.now()).plus(chart.bucket());
        Instant from = to.minus(window).truncatedTo(chart.unit());
        Map<String, List<ChartData.Point>> series = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(BUCKETS)) {
            statement.setString(1, chart.id());
            statement.setTimestamp(2, Timestamp.from(from));
            statement.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    series.computeIfAbsent(rows.getString(1), s -> new ArrayList<>()).add(new ChartData.Point(
                            rows.getObject(2, OffsetDateTime.class).toInstant(), rows.getLong(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read chart " + chart.id(), e);
        }
        return new ChartData(chart.id(), chart.title(), chart.bucket().toString(), unit(chart), from, to,
                series.entrySet().stream().map(e -> new ChartData.Series(e.getKey(), e.getValue())).toList());
    }

    private static String unit(Chart chart) {
        return chart.kind() == Chart.Kind.MONEY ? "minor" : chart.kind().name().toLowerCase(Locale.ROOT);
    }
}
