package io.telops.dashboard.live;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.telops.dashboard.phone.CallExpiry;
import io.telops.dashboard.phone.PhoneQueries;

/**
 * Silence produces no event, so nothing would tell open pages that a phone went offline: this sweep finds
 * the phones whose silence crossed the window since the last run and pushes their cards again. Nor does a call
 * whose end was lost: past the maximum call age it is ended here, and its phone's card pushed.
 */
@ApplicationScoped
public class OfflineSweep {
    private final PhoneQueries queries;
    private final CallExpiry callExpiry;
    private final LiveUpdates liveUpdates;
    private Instant lastRun = Instant.now();

    OfflineSweep(PhoneQueries queries, CallExpiry callExpiry, LiveUpdates liveUpdates) {
        this.queries = queries;
        this.callExpiry = callExpiry;
        this.liveUpdates = liveUpdates;
    }

    @Scheduled(every = "${telops.dashboard.phones.call-expiry-every:PT1M}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireCalls() {
        liveUpdates.phonesChanged(callExpiry.expire());
    }

    @Scheduled(every = "${telops.dashboard.phones.offline-sweep-every:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        Instant now = Instant.now();
        if (liveUpdates.watchers() > 0) {
            List<String> silent = queries.wentSilentBetween(lastRun, now);
            liveUpdates.phonesChanged(silent);
        }
        lastRun = now;
    }
}
