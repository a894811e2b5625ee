package io.telops.callforward.line;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telops.callforward.config.Mongo;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.MongoWireServer;

/**
 * The callbacks' line cache: a hit needs no MongoDB read, every write through {@link LineCache#changed} is seen at
 * once on this replica and within one refresh on another, a load racing an invalidation does not refill the
 * cache with the old line, unknown numbers are not cached, and entries expire.
 */
@ExtendWith(InfrastructureExtension.class)
class LineCacheTest {
    private MongoClient client;
    private Mongo mongo;
    private LineRepository repository;
    private SimpleMeterRegistry metrics;

    @BeforeEach
    void open(MongoWireServer server) {
        client = MongoClients.create(server.connectionString());
        mongo = new Mongo("line-cache-" + UUID.randomUUID());
        repository = new LineRepository(client, mongo);
        metrics = new SimpleMeterRegistry();
    }

    @AfterEach
    void close() {
        client.close();
    }

    LineCache cache(LineRepository repo, Duration maxAge) {
        return new LineCache(repo, mongo.collection(client, LineCache.GENERATIONS), true, maxAge, metrics);
    }

    static ForwardingLine line(String number, String name) {
        Instant now = Instant.now();
        return new ForwardingLine(UUID.randomUUID().toString(), LineSettings.of(name, "owner", Optional.of("sip:a@phone.plivo.com"),
                Optional.empty()), LineStatus.ACTIVE, Optional.of(number), Optional.empty(), Optional.of("app"), 1, now, now);
    }

    double count(String result) {
        return metrics.counter("callforward.line.cache", "result", result).count();
    }

    @Test
    void aCachedLineIsServedWithoutMongoUntilItIsChanged() {
        LineCache cache = cache(repository, Duration.ofMinutes(1));
        ForwardingLine l = line("14155550101", "Sales");
        repository.insert(l);
        assertThat(cache.activeByNumber("+1 415 555 0101")).map(x -> x.settings().name()).contains("Sales");
        assertThat(cache.activeByNumber("14155550101")).map(x -> x.settings().name()).contains("Sales");
        assertThat(cache.byId(l.id())).map(x -> x.settings().name()).contains("Sales");
        assertThat(count("miss")).isEqualTo(1.0);
        assertThat(count("hit")).isEqualTo(2.0);

        // written behind the cache's back: still the cached version, which proves the hit read no MongoDB
        ForwardingLine renamed = l.withSettings(LineSettings.of("Support", "owner", Optional.of("sip:a@phone.plivo.com"),
                Optional.empty()), Instant.now());
        assertThat(repository.replace(renamed)).isTrue();
        assertThat(cache.activeByNumber("14155550101")).map(x -> x.settings().name()).contains("Sales");
        // the way LineService writes: replace, then changed()
        cache.changed();
        assertThat(cache.activeByNumber("14155550101")).map(x -> x.settings().name()).contains("Support");
        assertThat(cache.byId(l.id())).map(ForwardingLine::version).contains(2L);
    }

    @Test
    void aReleasedLineNoLongerAnswersItsNumber() {
        LineCache cache = cache(repository, Duration.ofMinutes(1));
        ForwardingLine l = line("14155550102", "Released");
        repository.insert(l);
        assertThat(cache.activeByNumber("14155550102")).isPresent();
        assertThat(repository.replace(new ForwardingLine(l.id(), l.settings(), LineStatus.RELEASED, Optional.empty(), Optional.empty(),
                l.appId(), 2, l.createdAt(), Instant.now()))).isTrue();
        cache.changed();
        assertThat(cache.activeByNumber("14155550102")).isEmpty();
        // Dial and Record actions of a call already in progress still find the line by id
        assertThat(cache.byId(l.id())).map(ForwardingLine::status).contains(LineStatus.RELEASED);
    }

    @Test
    void aChangeOnAnotherReplicaIsSeenAfterTheNextRefresh() {
        LineCache here = cache(repository, Duration.ofMinutes(1));
        LineCache there = cache(new LineRepository(client, mongo), Duration.ofMinutes(1));
        here.refresh();
        ForwardingLine l = line("14155550103", "Before");
        repository.insert(l);
        assertThat(here.activeByNumber("14155550103")).map(x -> x.settings().name()).contains("Before");

        repository.replace(l.withSettings(LineSettings.of("After", "owner", Optional.of("sip:a@phone.plivo.com"), Optional.empty()),
                Instant.now()));
        there.changed();
        // this replica has not looked at the generation counter yet
        assertThat(here.activeByNumber("14155550103")).map(x -> x.settings().name()).contains("Before");
        here.refresh();
        assertThat(here.size()).isZero();
        assertThat(here.activeByNumber("14155550103")).map(x -> x.settings().name()).contains("After");
        // nothing changed since: the next refresh keeps the cache
        here.refresh();
        assertThat(here.size()).isPositive();
    }

    @Test
    void aLoadThatRacedAnInvalidationDoesNotRefillTheCache() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        LineRepository slow = new LineRepository(client, mongo) {
            @Override
            public Optional<ForwardingLine> findActiveByNumber(String number) {
                Optional<ForwardingLine> read = super.findActiveByNumber(number);
                reading.countDown();
                try {
                    // the line changes after this read and before the loader stores what it read
                    invalidated.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return read;
            }
        };
        LineCache cache = cache(slow, Duration.ofMinutes(1));
        ForwardingLine l = line("14155550104", "Old");
        repository.insert(l);
        CompletableFuture<Optional<ForwardingLine>> load = CompletableFuture.supplyAsync(() -> cache.activeByNumber("14155550104"));
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        repository.replace(l.withSettings(LineSettings.of("New", "owner", Optional.of("sip:a@phone.plivo.com"), Optional.empty()),
                Instant.now()));
        cache.changed();
        invalidated.countDown();
        assertThat(load.get(10, TimeUnit.SECONDS)).map(x -> x.settings().name()).contains("Old");
        assertThat(cache.size()).as("the stale read was not cached").isZero();
    }

    @Test
    void unknownNumbersAreNotCachedAndEntriesExpire() throws Exception {
        LineCache cache = cache(repository, Duration.ofMillis(200));
        assertThat(cache.activeByNumber("14155550105")).isEmpty();
        ForwardingLine l = line("14155550105", "Fresh");
        // rented and stored without telling the cache: an unknown number was not remembered as unknown
        repository.insert(l);
        assertThat(cache.activeByNumber("14155550105")).map(x -> x.settings().name()).contains("Fresh");
        repository.replace(l.withSettings(LineSettings.of("Expired", "owner", Optional.of("sip:a@phone.plivo.com"), Optional.empty()),
                Instant.now()));
        assertThat(cache.activeByNumber("14155550105")).map(x -> x.settings().name()).contains("Fresh");
        Thread.sleep(400);
        assertThat(cache.activeByNumber("14155550105")).map(x -> x.settings().name()).contains("Expired");
    }

    @Test
    void aDisabledCacheReadsMongoEveryTime() {
        LineCache cache = new LineCache(repository, mongo.collection(client, LineCache.GENERATIONS), false, Duration.ofMinutes(1), metrics);
        ForwardingLine l = line("14155550106", "One");
        repository.insert(l);
        assertThat(cache.activeByNumber("14155550106")).isPresent();
        repository.replace(l.withSettings(LineSettings.of("Two", "owner", Optional.of("sip:a@phone.plivo.com"), Optional.empty()),
                Instant.now()));
        assertThat(cache.activeByNumber("14155550106")).map(x -> x.settings().name()).contains("Two");
        assertThat(cache.size()).isZero();
    }
}
