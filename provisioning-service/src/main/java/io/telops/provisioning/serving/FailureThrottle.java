package io.telops.provisioning.serving;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.telops.provisioning.config.ProvisioningConfig;

/**
 * Counts failed fetches in a fixed window per (client address, MAC), and separately per address with a much higher
 * ceiling. A pair over its limit is refused without any check until its block ends, so one misconfigured phone behind
 * a site's NAT blocks only itself; an address over the ceiling (a scanner trying many MACs) is blocked for all MACs.
 * Nothing sleeps. Both maps are size-bounded Caffeine caches whose entries expire once their window and block are over.
 */
@ApplicationScoped
public class FailureThrottle {
    /** One key's failures in its current window; immutable, replaced atomically per key. */
    private record Window(long start, int failures, long blockedUntil) {
        boolean blocked(long t) {
            return blockedUntil > t;
        }
    }

    private record SourceMac(String source, String mac) {
    }

    private final int maxFailures;
    private final int sourceMaxFailures;
    private final long window;
    private final long block;
    private final Cache<SourceMac, Window> pairs;
    private final Cache<String, Window> sources;

    FailureThrottle(ProvisioningConfig config) {
        ProvisioningConfig.Throttle c = config.throttle();
        this.maxFailures = c.maxFailures();
        this.sourceMaxFailures = c.sourceMaxFailures();
        this.window = c.window().toMillis();
        this.block = c.block().toMillis();
        // once a key's window and block are over it holds nothing: expiring it then never lifts a block early
        Duration lifetime = c.window().plus(c.block());
        this.pairs = Caffeine.newBuilder().maximumSize(c.maxTracked()).expireAfterWrite(lifetime).build();
        this.sources = Caffeine.newBuilder().maximumSize(c.maxTracked()).expireAfterWrite(lifetime).build();
    }

    /** True while the address, or this MAC from this address, is blocked. */
    public boolean isBlocked(String address, String mac, Instant now) {
        long t = now.toEpochMilli();
        Window s = sources.getIfPresent(address);
        Window p = pairs.getIfPresent(new SourceMac(address, mac));
        return (s != null && s.blocked(t)) | (p != null && p.blocked(t));
    }

    /** Records a failure of this MAC from this address; returns true when it started a block of either. */
    public boolean recordFailure(String address, String mac, Instant now) {
        long t = now.toEpochMilli();
        boolean pairBlocked = count(pairs, new SourceMac(address, mac), maxFailures, t);
        boolean sourceBlocked = count(sources, address, sourceMaxFailures, t);
        return pairBlocked || sourceBlocked;
    }

    /** Failures counted in the current window for this MAC from this address (tests, diagnostics). */
    public int failures(String address, String mac, Instant now) {
        Window w = pairs.getIfPresent(new SourceMac(address, mac));
        return w == null || now.toEpochMilli() - w.start() > window ? 0 : w.failures();
    }

    /** Addresses and (address, MAC) pairs currently tracked, after pending evictions. */
    public long tracked() {
        pairs.cleanUp();
        sources.cleanUp();
        return pairs.estimatedSize() + sources.estimatedSize();
    }

    public void reset() {
        pairs.invalidateAll();
        sources.invalidateAll();
    }

    private <K> boolean count(Cache<K, Window> windows, K key, int limit, long t) {
        boolean[] started = new boolean[1];
        windows.asMap().compute(key, (k, w) -> {
            Window current = w == null || t - w.start() > window ? new Window(t, 0, w == null ? 0 : w.blockedUntil()) : w;
            int failures = current.failures() + 1;
            if (failures >= limit && !current.blocked(t)) {
                started[0] = true;
                return new Window(current.start(), failures, t + block);
            }
            return new Window(current.start(), failures, current.blockedUntil());
        });
        return started[0];
    }
}
