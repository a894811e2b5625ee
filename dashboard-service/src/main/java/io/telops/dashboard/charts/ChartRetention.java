package io.telops.dashboard.charts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Deletes chart buckets older than their chart's retention (by bucket size). The buckets are aggregates: unlike the
 * claims, deleting one never lets an event count twice.
 */
@ApplicationScoped
public class ChartRetention {
    private static final Logger LOG = Logger.getLogger(ChartRetention.class);
    private static final String PURGE = "delete from chart_bucket where chart = ? and bucket_start < ?";

    private final DataSource dataSource;
    private final ChartsConfig config;

    ChartRetention(DataSource dataSource, ChartsConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    static Duration retentionOf(Chart chart, ChartsConfig config) {
        return switch (chart.unit()) {
            case MINUTES -> config.minuteRetention();
            case HOURS -> config.hourRetention();
            default -> config.dayRetention();
        };
    }

    @Scheduled(every = "${telops.dashboard.charts.retention-every:PT1H}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge(Instant.now());
    }

    /** Deletes every bucket older than its retention as of {@code now}; returns how many. */
    public int purge(Instant now) {
        int deleted = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (Chart chart : Chart.values()) {
                try (PreparedStatement statement = connection.prepareStatement(PURGE)) {
                    statement.setString(1, chart.id());
                    statement.setTimestamp(2, Timestamp.from(now.minus(retentionOf(chart, config))));
                    deleted += statement.executeUpdate();
                }
            }
        } catch (SQLException e) {
            LOG.warnf(e, "chart retention failed; next run in %s", config.retentionEvery());
        }
        return deleted;
    }
}
