package io.telops.dashboard.live;

import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Fans messages out to every open page that subscribed, and counts them, so callers can skip building a message
 * nobody would receive. A watcher too slow to take the messages loses some, never stalls the others.
 */
public final class Broadcast<T> {
    private final BroadcastProcessor<T> processor = BroadcastProcessor.create();
    private final AtomicInteger watchers = new AtomicInteger();

    /** The messages from now on. */
    public Multi<T> stream() {
        return processor
                .onSubscription().invoke(() -> watchers.incrementAndGet())
                .onTermination().invoke(() -> watchers.decrementAndGet())
                .onOverflow().drop();
    }

    public int watchers() {
        return watchers.get();
    }

    public synchronized void publish(T message) {
        processor.onNext(message);
    }
}
