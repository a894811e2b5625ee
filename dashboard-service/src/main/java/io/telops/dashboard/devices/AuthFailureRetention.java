package io.telops.dashboard.devices;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/** Keeps the refused-fetch log bounded: {@code telops.dashboard.devices.auth-failure-retention}. */
@ApplicationScoped
public class AuthFailureRetention {
    private static final Logger LOG = Logger.getLogger(AuthFailureRetention.class);
    private final DeviceQueries queries;
    private final DevicesConfig config;

    AuthFailureRetention(DeviceQueries queries, DevicesConfig config) {
        this.queries = queries;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long deleted = queries.deleteAuthFailuresBefore(Instant.now().minus(config.authFailureRetention()));
        if (deleted > 0) {
            LOG.infof("deleted %d refused fetches older than %s", deleted, config.authFailureRetention());
        }
    }
}
