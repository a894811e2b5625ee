package io.telops.dashboard.charts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.telops.dashboard.phone.PhoneConfig;

/**
 * Samples how many phones are online (an event received within {@code phones.offline-after}) into the current
 * minute's bucket. A phone goes offline by silence, with no event to count, so this chart is a gauge read on a timer;
 * a later sample of the same minute replaces the earlier one.
 */
@ApplicationScoped
public class PhonesOnlineSampler {
    private static final Logger LOG = Logger.getLogger(PhonesOnlineSampler.class);
    private static final String SAMPLE = """
            insert into chart_bucket (chart, series, shard, bucket_start, value)
            select ?, 'online', 0, ?, count(*) from phone where last_heard_at >= ?
            on conflict (chart, bucket_start, series, shard) do update set value = excluded.value
            returning value""";

    private final DataSource dataSource;
    private final PhoneConfig phones;

    PhonesOnlineSampler(DataSource dataSource, PhoneConfig phones) {
        this.dataSource = dataSource;
        this.phones = phones;
    }

    @Scheduled(every = "${telops.dashboard.charts.phones-online-every:PT1M}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            sample(Instant.now());
        } catch (IllegalStateException e) {
            LOG.warn("could not sample the phones online", e);
        }
    }

    /** Stores the count of phones online at {@code now} in its minute and returns it. */
    public long sample(Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SAMPLE)) {
            statement.setString(1, Chart.PHONES_ONLINE.id());
            statement.setTimestamp(2, Timestamp.from(Chart.PHONES_ONLINE.bucketOf(now)));
            statement.setTimestamp(3, Timestamp.from(now.minus(phones.offlineAfter())));
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot sample the phones online", e);
        }
    }
}
