package io.telops.dashboard.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.telops.testkit.KafkaTestResource;
import io.telops.testkit.PostgresTestResource;

/**
 * On the real PostgreSQL: each chart's buckets go after the retention of their size (minute 2 d, hour 35 d, day 400 d),
 * younger ones stay; the counts of one transaction are added to what a bucket already holds.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "dashboard"))
class ChartRetentionTest {
    @Inject
    DataSource dataSource;

    @Inject
    ChartRetention retention;

    @Test
    void bucketsGoAfterTheRetentionOfTheirSize() throws SQLException {
        String series = "retention-" + UUID.randomUUID();
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            new BucketCounts()
                    .add(Chart.EVENTS, series, 0, now.minus(Duration.ofDays(3)), 1)          // minute, 3 d: goes
                    .add(Chart.EVENTS, series, 0, now.minus(Duration.ofDays(1)), 1)          // minute, 1 d: stays
                    .add(Chart.SPEND, series, 0, now.minus(Duration.ofDays(40)), 100)        // hour, 40 d: goes
                    .add(Chart.SPEND, series, 0, now.minus(Duration.ofDays(30)), 100)        // hour, 30 d: stays
                    .add(Chart.TRUNK_CHANGES, series, 0, now.minus(Duration.ofDays(401)), 1) // day, 401 d: goes
                    .add(Chart.TRUNK_CHANGES, series, 0, now.minus(Duration.ofDays(300)), 1) // day, 300 d: stays
                    .write(connection);
            // a second transaction adds to the bucket
            new BucketCounts().add(Chart.SPEND, series, 0, now.minus(Duration.ofDays(30)), 20).write(connection);
        }
        assertThat(rows(series)).containsExactlyInAnyOrder("events " + minute(now.minus(Duration.ofDays(3))) + " 1",
                "events " + minute(now.minus(Duration.ofDays(1))) + " 1", "spend " + hour(now.minus(Duration.ofDays(40))) + " 100",
                "spend " + hour(now.minus(Duration.ofDays(30))) + " 120", "trunk-changes " + day(now.minus(Duration.ofDays(401))) + " 1",
                "trunk-changes " + day(now.minus(Duration.ofDays(300))) + " 1");

        assertThat(retention.purge(now)).isGreaterThanOrEqualTo(3);
        assertThat(rows(series)).containsExactlyInAnyOrder("events " + minute(now.minus(Duration.ofDays(1))) + " 1",
                "spend " + hour(now.minus(Duration.ofDays(30))) + " 120", "trunk-changes " + day(now.minus(Duration.ofDays(300))) + " 1");
    }

    private List<String> rows(String series) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select chart, bucket_start, value from chart_bucket where series = ?")) {
            statement.setString(1, series);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getTimestamp(2).toInstant() + " " + rs.getLong(3));
                }
            }
        }
        return rows;
    }

    private static Instant minute(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    private static Instant hour(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }

    private static Instant day(Instant at) {
        return at.truncatedTo(ChronoUnit.DAYS);
    }
}
