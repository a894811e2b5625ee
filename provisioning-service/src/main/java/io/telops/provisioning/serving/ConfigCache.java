package io.telops.provisioning.serving;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The last good state and rendered files of each device. A change marks entries stale instead of
 * dropping them: a stale entry is reloaded on the next fetch, but if PostgreSQL cannot be reached
 * the phone still gets the last good config.
 */
@ApplicationScoped
public class ConfigCache {
    private static final int MAX_ENTRIES = 200_000;

    /** One device's cached state; files are rendered lazily per file kind. */
    public static final class Entry {
        private final LoadedDevice device;
        private final long generation;
        private final ConcurrentHashMap<String, CachedFile> files = new ConcurrentHashMap<>();
        private volatile boolean stale;
        private volatile String lockedAddress;

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
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    /** An entry that reflects the latest committed state. */
    public Optional<Entry> fresh(String mac) {
        Entry e = entries.get(mac);
        return e == null || e.stale || e.generation != generation.get() ? Optional.empty() : Optional.of(e);
    }

    /** Whatever was last loaded, stale or not: served when the store is down. */
    public Optional<Entry> lastGood(String mac) {
        return Optional.ofNullable(entries.get(mac));
    }

    public Entry put(LoadedDevice device, long loadedAtGeneration) {
        if (entries.size() >= MAX_ENTRIES && !entries.containsKey(device.mac())) {
            entries.keySet().stream().limit(MAX_ENTRIES / 10).toList().forEach(entries::remove);
        }
        Entry e = new Entry(device, loadedAtGeneration);
        entries.put(device.mac(), e);
        return e;
    }

    /** Read before loading from the store, so a change during the load leaves the entry stale. */
    public long generation() {
        return generation.get();
    }

    public void invalidate(String mac) {
        Entry e = entries.get(mac);
        if (e != null) {
            e.stale = true;
        }
    }

    /** A template, settings layer or catalogue change may affect any device. */
    public void invalidateAll() {
        generation.incrementAndGet();
    }

    public void remove(String mac) {
        entries.remove(mac);
    }

    /** Drops everything (benchmark cold start, tests). */
    public void clear() {
        entries.clear();
        generation.incrementAndGet();
    }

    public int size() {
        return entries.size();
    }
}
