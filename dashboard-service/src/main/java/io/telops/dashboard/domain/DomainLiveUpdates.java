package io.telops.dashboard.domain;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.telops.dashboard.live.Broadcast;

/**
 * Fans committed changes of the typed domain views out to open pages. Pages re-read their own fragments
 * (authenticated, server-rendered), so nothing is rendered here and a slow page never stalls the consumer.
 */
@ApplicationScoped
public class DomainLiveUpdates {
    private final Broadcast<DomainChange> broadcast = new Broadcast<>();

    public void changed(String topic, Set<String> keys) {
        if (!keys.isEmpty() && broadcast.watchers() > 0) {
            broadcast.publish(new DomainChange(topic, Set.copyOf(keys)));
        }
    }

    /** The changes from now on; a watcher too slow to take them loses some, never stalls the others. */
    public Multi<DomainChange> stream() {
        return broadcast.stream();
    }
}
