package io.telops.ingest.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.telops.ingest.IngestConfig;

/** Deletes raw pushes past {@code telops.ingest.retention.raw} (outbox rows leave when the broker acknowledged them). */
@ApplicationScoped
public class RetentionJob {
    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final PushStore store;
    private final IngestConfig config;

    RetentionJob(PushStore store, IngestConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${telops.ingest.retention.purge-every:15m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int deleted = store.purge(config.retention().raw());
            if (deleted > 0) {
                LOG.infof("retention: deleted %d raw pushes older than %s", deleted, config.retention().raw());
            }
        } catch (Exception e) {
            LOG.warnf("retention purge failed: %s", e);
        }
    }
}
