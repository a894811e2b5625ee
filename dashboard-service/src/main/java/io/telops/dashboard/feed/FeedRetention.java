package io.telops.dashboard.feed;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Keeps the generic feed bounded: deletes events older than {@code telops.dashboard.feed.retention}. */
@ApplicationScoped
public class FeedRetention {
    private static final Logger LOG = Logger.getLogger(FeedRetention.class);
    private final FeedQueries queries;
    private final FeedConfig config;

    FeedRetention(FeedQueries queries, FeedConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long deleted = queries.deleteOlderThan(Instant.now().minus(config.retention()));
        if (deleted > 0) {
            LOG.infof("deleted %d feed events older than %s", deleted, config.retention());
        }
    }
}
