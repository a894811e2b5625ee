package io.telops.dashboard.charts;

import java.time.Instant;
import java.util.List;

/**
 * One chart's buckets from {@code from} (inclusive) to {@code to} (exclusive), {@code bucket} an ISO-8601 duration.
 * Only buckets with a value are listed; a missing bucket of a count is 0, of a gauge unknown (not sampled).
 * {@code unit}: {@code count}, {@code minor} (money in the series' currency, integer minor units) or {@code gauge}.
 */
public record ChartData(String chart, String title, String bucket, String unit, Instant from, Instant to, List<Series> series) {

    public record Series(String label, List<Point> points) {
        public long total() {
            return points.stream().mapToLong(Point::value).sum();
        }
    }

    public record Point(Instant at, long value) {
    }
}
