package io.telops.dashboard.domain;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Fans committed changes of the typed domain views out to open pages. Pages re-read their own fragments
 * (authenticated, server-rendered), so nothing is rendered here and a slow page never stalls the consumer.
 */
@ApplicationScoped
public class DomainLiveUpdates {
    private final BroadcastProcessor<DomainChange> processor = BroadcastProcessor.create();
    private final AtomicInteger watchers = new AtomicInteger();

    public void changed(String topic, Set<String> keys) {
        if (!keys.isEmpty() && watchers.get() > 0) {
            publish(new DomainChange(topic, Set.copyOf(keys)));
        }
    }

    /** The changes from now on; a watcher too slow to take them loses some, never stalls the others. */
    public Multi<DomainChange> stream() {
        return processor
                .onSubscription().invoke(() -> watchers.incrementAndGet())
                .onTermination().invoke(() -> watchers.decrementAndGet())
                .onOverflow().drop();
    }

    private synchronized void publish(DomainChange change) {
        processor.onNext(change);
    }
}
