package io.telops.vats.trunk;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * The periodic sync and snapshot ({@code telops.vats.sync.every}, {@code telops.vats.snapshot.every};
 * {@code off} disables). Failures are already recorded, measured and reflected in health.
 */
@ApplicationScoped
public class SyncScheduler {
    private static final Logger LOG = Logger.getLogger(SyncScheduler.class);
    private final TrunkSyncService sync;

    SyncScheduler(TrunkSyncService sync) {
        this.sync = sync;
    }

    @Scheduled(every = "${telops.vats.sync.every:5m}", delayed = "${telops.vats.sync.delayed:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void syncNow() {
        run(() -> sync.sync("schedule"));
    }

    @Scheduled(every = "${telops.vats.snapshot.every:1h}", delayed = "${telops.vats.snapshot.delayed:2m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void snapshotNow() {
        run(() -> sync.snapshot("schedule"));
    }

    private static void run(Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.debugf("scheduled run ended with %s", e.toString());
        }
    }
}
