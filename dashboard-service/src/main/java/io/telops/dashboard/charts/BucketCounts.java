package io.telops.dashboard.charts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chart increments of one transaction, added up in memory and written as one upsert: an {@code ON CONFLICT DO
 * UPDATE} may touch a row only once per statement, and a batch of events mostly falls in a handful of buckets.
 * Call it only for events whose ce_id the same transaction claimed, so a redelivered event is never counted again.
 */
public final class BucketCounts {
    /** Adds each row's value to its bucket. Five array parameters: chart, series, shard, bucket start, value. */
    public static final String ADD = """
            insert into chart_bucket (chart, series, shard, bucket_start, value)
            select b.chart, b.series, b.shard, b.bucket_start, b.value
            from unnest(?::varchar[], ?::varchar[], ?::int[], ?::timestamptz[], ?::bigint[]) as b(chart, series, shard, bucket_start, value)
            on conflict (chart, bucket_start, series, shard) do update set value = chart_bucket.value + excluded.value""";

    private record Key(Chart chart, String series, int shard, Instant start) {
    }

    private final Map<Key, Long> values = new LinkedHashMap<>();

    /** Counts {@code value} into the bucket of {@code at}; {@code shard} keeps concurrent writers off each other's rows. */
    public BucketCounts add(Chart chart, String series, int shard, Instant at, long value) {
        values.merge(new Key(chart, clip(series), shard, chart.bucketOf(at)), value, Long::sum);
        return this;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Binds the five arrays of {@link #ADD} from {@code first} on; returns the next parameter index. */
    public int bind(Connection connection, PreparedStatement statement, int first) throws SQLException {
        statement.setArray(first, connection.createArrayOf("varchar", values.keySet().stream().map(k -> k.chart().id()).toArray()));
        statement.setArray(first + 1, connection.createArrayOf("varchar", values.keySet().stream().map(Key::series).toArray()));
        statement.setArray(first + 2, connection.createArrayOf("varchar", values.keySet().stream().map(k -> Integer.toString(k.shard())).toArray()));
        statement.setArray(first + 3, connection.createArrayOf("varchar", values.keySet().stream().map(k -> k.start().toString()).toArray()));
        statement.setArray(first + 4, connection.createArrayOf("varchar", values.values().stream().map(String::valueOf).toArray()));
        return first + 5;
    }

    /** Writes the counts on the transaction's connection (nothing when empty). */
    public void write(Connection connection) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(ADD)) {
            bind(connection, statement, 1);
            statement.executeUpdate();
        }
    }

    private static String clip(String series) {
        String text = series == null || series.isBlank() ? "unknown" : series;
        return text.length() <= 200 ? text : text.substring(0, 200);
    }
}
