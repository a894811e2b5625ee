package io.telops.provisioning.serving;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;
import io.telops.provisioning.config.ProvisioningConfig;

/**
 * Counts failed fetches per client address in a fixed window; an address over the limit is refused
 * without checking anything until its block ends. Nothing sleeps: a refused request is answered at once.
 */
@ApplicationScoped
public class FailureThrottle {
    private static final int MAX_ADDRESSES = 100_000;

    private static final class Window {
        long start;
        int failures;
        long blockedUntil;
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    ProvisioningConfig config;

    public boolean isBlocked(String address, Instant now) {
        Window w = windows.get(address);
        if (w == null) {
            return false;
        }
        synchronized (w) {
            return w.blockedUntil > now.toEpochMilli();
        }
    }

    /** Records a failure; returns true when this failure started a block. */
    public boolean recordFailure(String address, Instant now) {
        if (windows.size() >= MAX_ADDRESSES) {
            evictExpired(now);
        }
        Window w = windows.computeIfAbsent(address, a -> new Window());
        long t = now.toEpochMilli();
        synchronized (w) {
            if (t - w.start > config.throttle().window().toMillis()) {
                w.start = t;
                w.failures = 0;
            }
            w.failures++;
            if (w.failures >= config.throttle().maxFailures() && w.blockedUntil <= t) {
                w.blockedUntil = t + config.throttle().block().toMillis();
                return true;
            }
            return false;
        }
    }

    public void reset() {
        windows.clear();
    }

    @Scheduled(every = "60s")
    void evictExpired() {
        evictExpired(Instant.now());
    }

    private void evictExpired(Instant now) {
        long t = now.toEpochMilli();
        long window = config.throttle().window().toMillis();
        windows.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().blockedUntil <= t && t - e.getValue().start > window;
            }
        });
    }
}
