package io.telops.callforward.line;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.bson.Document;
import org.jboss.logging.Logger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.telops.callforward.config.CallForwardConfig;
import io.telops.callforward.config.Mongo;

/**
 * The lines as Plivo's callbacks read them: active lines by number and lines by id, held in memory, because every
 * answer needs its line and lines change rarely. Every write of a line ({@link #changed}) bumps a generation counter
 * in MongoDB and empties this replica's cache at once; each replica reads the counter every {@code refresh} and
 * empties its own cache when it moved, so a change made on another replica is seen within {@code refresh}.
 * Entries also expire after {@code max-age}. Unknown numbers are not cached: a line rented a moment ago must answer.
 * Admin reads and optimistic updates go to {@link LineRepository} directly, never through this cache.
 */
@ApplicationScoped
public class LineCache {
    static final String GENERATIONS = "cache_generations";
    private static final Logger LOG = Logger.getLogger(LineCache.class);
    private static final String LINES = "lines";

    private record Entry(ForwardingLine line, long loadedAtNanos) {
    }

    private final LineRepository repository;
    private final MongoCollection<Document> generations;
    private final boolean enabled;
    private final long maxAgeNanos;
    private final Map<String, Entry> byNumber = new ConcurrentHashMap<>();
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final Counter hits;
    private final Counter misses;
    // bumped under the lock by every invalidation; a load that started before one must not fill the cache
    private long epoch;
    private volatile long seenGeneration = Long.MIN_VALUE;

    @Inject
    LineCache(LineRepository repository, MongoClient client, Mongo mongo, CallForwardConfig config, MeterRegistry metrics) {
        this(repository, mongo.collection(client, GENERATIONS), config.lineCache().enabled(), config.lineCache().maxAge(), metrics);
    }

    LineCache(LineRepository repository, MongoCollection<Document> generations, boolean enabled, Duration maxAge, MeterRegistry metrics) {
        this.repository = repository;
        this.generations = generations;
        this.enabled = enabled;
        this.maxAgeNanos = maxAge.toNanos();
        this.hits = metrics.counter("callforward.line.cache", "result", "hit");
        this.misses = metrics.counter("callforward.line.cache", "result", "miss");
    }

    /** The active line that owns this Plivo number (forward or voicemail number). */
    public Optional<ForwardingLine> activeByNumber(String number) {
        String n = PhoneNumbers.normalise(number);
        return enabled ? readThrough(byNumber.get(n), () -> repository.findActiveByNumber(n), Optional.of(n))
                : repository.findActiveByNumber(n);
    }

    /** The line with this id, whatever its status (Dial and Record actions of calls that started before a release). */
    public Optional<ForwardingLine> byId(String id) {
        return enabled ? readThrough(byId.get(id), () -> repository.find(id), Optional.empty()) : repository.find(id);
    }

    /** A fresh cached entry is a hit; otherwise a miss, loaded and cached (with its number, if it was looked up by one). */
    private Optional<ForwardingLine> readThrough(Entry cached, Supplier<Optional<ForwardingLine>> load, Optional<String> number) {
        Optional<ForwardingLine> fresh = fresh(cached);
        if (fresh.isPresent()) {
            hits.increment();
            return fresh;
        }
        misses.increment();
        long before = epoch();
        Optional<ForwardingLine> loaded = load.get();
        loaded.ifPresent(l -> put(before, l, number));
        return loaded;
    }

    /**
     * A line was written: tells every replica through the generation counter, then empties this cache. Called after
     * the write, so a replica that reloads after seeing the new generation reads the new line.
     */
    public void changed() {
        try {
            generations.findOneAndUpdate(Filters.eq("_id", LINES), Updates.inc("generation", 1L),
                    new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        } finally {
            invalidate();
        }
    }

    /** Reads the generation counter and empties the cache when another replica changed a line. */
    @Scheduled(every = "${telops.callforward.line-cache.refresh:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void refresh() {
        long generation;
        try {
            generation = Optional.ofNullable(generations.find(Filters.eq("_id", LINES)).first())
                    .map(d -> ((Number) d.get("generation")).longValue()).orElse(0L);
        } catch (RuntimeException e) {
            // cannot tell whether another replica changed a line: forget everything rather than serve stale lines
            LOG.debugf("line cache: generation unreadable (%s), emptied", e.getMessage());
            invalidate();
            return;
        }
        if (generation != seenGeneration) {
            invalidate();
            seenGeneration = generation;
        }
    }

    /** Empties this replica's cache. */
    public void invalidate() {
        synchronized (lock) {
            epoch++;
            byNumber.clear();
            byId.clear();
        }
    }

    /** Cached entries (lines by id plus lines by number), for tests and diagnostics. */
    public int size() {
        return byNumber.size() + byId.size();
    }

    private long epoch() {
        synchronized (lock) {
            return epoch;
        }
    }

    private void put(long epochBefore, ForwardingLine line, Optional<String> number) {
        Entry e = new Entry(line, System.nanoTime());
        synchronized (lock) {
            if (epoch != epochBefore) {
                return;
            }
            number.ifPresent(n -> byNumber.put(n, e));
            byId.put(line.id(), e);
        }
    }

    private Optional<ForwardingLine> fresh(Entry e) {
        if (e == null || System.nanoTime() - e.loadedAtNanos() > maxAgeNanos) {
            return Optional.empty();
        }
        return Optional.of(e.line());
    }
}
