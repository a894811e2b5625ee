package io.telops.outbox;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Removes published events past {@code telops.outbox.retention}, in batches of their own transactions (one DELETE
 * of a day's rows would hold them all in one transaction). Unpublished events are never removed, whatever their age.
 * With no retention the relay deletes events as they are acknowledged and this has nothing to do.
 */
@ApplicationScoped
public class OutboxPurge {
    private static final Logger LOG = Logger.getLogger(OutboxPurge.class);

    private final OutboxStore store;
    private final OutboxConfig config;

    OutboxPurge(OutboxStore store, OutboxConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${telops.outbox.purge-every:1h}", delayed = "${telops.outbox.purge-every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.retention().isZero()) {
            return;
        }
        try {
            long n = purge();
            if (n > 0) {
                LOG.infof("outbox: purged %d published events older than %s", n, config.retention());
            }
        } catch (Exception e) {
            LOG.warnf("outbox purge: %s (next run retries)", e.getMessage());
        }
    }

    /** Deletes every published event written before now minus the retention; returns how many. */
    public long purge() throws Exception {
        return store.purge(Instant.now().minus(config.retention()), config.purgeBatch());
    }
}
