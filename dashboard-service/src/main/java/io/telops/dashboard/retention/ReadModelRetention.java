package io.telops.dashboard.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.telops.dashboard.devices.DevicesConfig;
import io.telops.dashboard.feed.FeedConfig;

/**
 * Keeps the consumer's tables bounded: deletes phone history, remembered ce_ids, the feed's events and refused
 * fetches past their retention, a batch per transaction, so a large backlog never holds locks or a snapshot for long.
 * A phone event's log row is its claim (V32), so neither of the first two loses a row younger than the duplicate
 * window: a copy arriving later would be applied again.
 */
@ApplicationScoped
public class ReadModelRetention {
    private static final Logger LOG = Logger.getLogger(ReadModelRetention.class);
    // ctid: the rows the inner select found, without a second index lookup; all four tables are insert-only
    private static final String PURGE = """
            delete from %1$s where ctid = any(array(
                select ctid from %1$s where %2$s < ? limit ?))""";

    /** What one run deleted from one table. */
    public record Purged(String table, Instant cutoff, long rows, int batches) {
    }

    private final DataSource dataSource;
    private final RetentionConfig config;
    private final FeedConfig feed;
    private final DevicesConfig devices;

    ReadModelRetention(DataSource dataSource, RetentionConfig config, FeedConfig feed, DevicesConfig devices) {
        this.dataSource = dataSource;
        this.config = config;
        this.feed = feed;
        this.devices = devices;
    }

    @Scheduled(every = "${telops.dashboard.retention.every:PT1H}", delayed = "3m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    /** Purges the four tables now. */
    public List<Purged> purge() {
        Instant now = Instant.now();
        return List.of(
                purge("phone_log", "received_at", now.minus(kept("phone-log", config.phoneLog()))),
                purge("processed_event", "processed_at", now.minus(kept("processed-events", config.processedEvents()))),
                purge("feed_event", "occurred_at", now.minus(feed.retention())),
                purge("device_auth_failure", "occurred_at", now.minus(devices.authFailureRetention())));
    }

    /** The configured retention, raised to the duplicate window. */
    private Duration kept(String key, Duration retention) {
        if (retention.compareTo(config.duplicateWindow()) >= 0) {
            return retention;
        }
        LOG.warnf("telops.dashboard.retention.%s (%s) is shorter than the duplicate window (%s); keeping %s",
                key, retention, config.duplicateWindow(), config.duplicateWindow());
        return config.duplicateWindow();
    }

    /** {@code table} and {@code column} are constants of this class, never input. */
    private Purged purge(String table, String column, Instant cutoff) {
        String sql = PURGE.formatted(table, column);
        long rows = 0;
        int batches = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> deleteBatch(sql, cutoff));
            rows += deleted;
            batches++;
        } while (deleted >= config.batchSize());
        if (rows > 0) {
            LOG.infof("deleted %d %s rows older than %s in %d batches", rows, table, cutoff, batches);
        }
        return new Purged(table, cutoff, rows, batches);
    }

    private int deleteBatch(String sql, Instant cutoff) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
            statement.setInt(2, config.batchSize());
            return statement.executeUpdate();
        }
    }
}
