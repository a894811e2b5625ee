package io.telops.provisioning.serving;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.telops.provisioning.config.ProvisioningConfig;

/**
 * The last good state and rendered files of each device. A change marks entries stale instead of
 * dropping them: a stale entry is reloaded on the next fetch, but if PostgreSQL cannot be reached
 * the phone still gets the last good config. Size-bounded by Caffeine's W-TinyLFU policy, so phones
 * that keep fetching keep their entry while one-off loads of other devices come and go. MACs the
 * store does not know are remembered briefly and apart, so probing them costs no database load and
 * never pushes a device's last good config out.
 */
@ApplicationScoped
public class ConfigCache {
    /** One device's cached state; files are rendered lazily per file kind. */
    public static final class Entry {
        private final LoadedDevice device;
        private final long generation;
        private final ConcurrentHashMap<String, CachedFile> files = new ConcurrentHashMap<>();
        private volatile boolean stale;
        private volatile String lockedAddress;
        /** Names of the files the phone uploaded, once read for this entry; null until then. Guarded by {@code this}. */
        private Set<String> uploads;
        private long uploadsStored;

        Entry(LoadedDevice device, long generation) {
            this.device = device;
            this.generation = generation;
            this.lockedAddress = device.lockedAddress().orElse(null);
        }

        public LoadedDevice device() {
            return device;
        }

        public CachedFile file(String kind, Supplier<CachedFile> render) {
            return files.computeIfAbsent(kind, k -> render.get());
        }

        public Optional<String> lockedAddress() {
            return Optional.ofNullable(lockedAddress);
        }

        public void lockTo(String address) {
            this.lockedAddress = address;
        }

        /**
         * The names of the files this phone uploaded, if read since the entry was loaded: a name outside them needs
         * no query (Polycom asks for its overrides and directory at every boot, and most phones never uploaded any).
         */
        public synchronized Optional<Set<String>> uploads() {
            return Optional.ofNullable(uploads);
        }

        /** A mark to hand back to {@link #uploadsRead}: it tells whether an upload was stored while the names were read. */
        public synchronized long uploadsMark() {
            return uploadsStored;
        }

        /** Keeps the names read from the store, unless an upload was stored meanwhile (the next fetch reads again). */
        public synchronized void uploadsRead(Set<String> names, long mark) {
            if (mark == uploadsStored) {
                uploads = Set.copyOf(names);
            }
        }

        synchronized void uploadStored() {
            uploadsStored++;
            uploads = null;
        }
    }

    private final Cache<String, Entry> entries;
    /** MAC -> the generation at which the store did not know it. */
    private final Cache<String, Long> unknown;
    private final AtomicLong generation = new AtomicLong();

    @Inject
    ConfigCache(ProvisioningConfig config) {
        this(config, ForkJoinPool.commonPool());
    }

    /** {@code maintenance} runs Caffeine's eviction bookkeeping (tests pass the caller's thread to make it immediate). */
    ConfigCache(ProvisioningConfig config, Executor maintenance) {
        entries = Caffeine.newBuilder().maximumSize(config.cache().maxDevices()).executor(maintenance).build();
        unknown = Caffeine.newBuilder().maximumSize(config.cache().maxDevices()).executor(maintenance)
                .expireAfterWrite(config.cache().unknownDeviceTtl()).build();
    }

    /** An entry that reflects the latest committed state. */
    public Optional<Entry> fresh(String mac) {
        Entry e = entries.getIfPresent(mac);
        return e == null || e.stale || e.generation != generation.get() ? Optional.empty() : Optional.of(e);
    }

    /** Whatever was last loaded, stale or not: served when the store is down. */
    public Optional<Entry> lastGood(String mac) {
        return Optional.ofNullable(entries.getIfPresent(mac));
    }

    public Entry put(LoadedDevice device, long loadedAtGeneration) {
        Entry e = new Entry(device, loadedAtGeneration);
        unknown.invalidate(device.mac());
        entries.put(device.mac(), e);
        return e;
    }

    /** True when a recent load found no such device and nothing changed since. */
    public boolean knownUnknown(String mac) {
        Long at = unknown.getIfPresent(mac);
        return at != null && at == generation.get();
    }

    /** The store has no device {@code mac}: drops any entry and remembers the answer for a short while. */
    public void markUnknown(String mac, long loadedAtGeneration) {
        entries.invalidate(mac);
        unknown.put(mac, loadedAtGeneration);
    }

    /** Read before loading from the store, so a change during the load leaves the entry stale. */
    public long generation() {
        return generation.get();
    }

    public void invalidate(String mac) {
        unknown.invalidate(mac);
        Entry e = entries.getIfPresent(mac);
        if (e != null) {
            e.stale = true;
        }
    }

    /** A template, settings layer or catalogue change may affect any device. */
    public void invalidateAll() {
        generation.incrementAndGet();
    }

    /** The phone stored an upload (after the commit): its entry reads its upload names again. */
    public void uploadStored(String mac) {
        Entry e = entries.getIfPresent(mac);
        if (e != null) {
            e.uploadStored();
        }
    }

    public void remove(String mac) {
        entries.invalidate(mac);
    }

    /** Drops everything (benchmark cold start, tests). */
    public void clear() {
        entries.invalidateAll();
        unknown.invalidateAll();
        generation.incrementAndGet();
    }

    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
