package io.telops.dashboard.domain;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.telops.dashboard.events.CloudEvent;

/**
 * A {@link DomainProjection} that applies its topic's contract records rather than JSON: {@link EventBodies} reads
 * each event first, and types it does not know or bodies that are not their record never reach {@link #applyBody}.
 */
public interface TypedProjection<B> extends DomainProjection {

    /** The reader of this view's event bodies, which also names its topic. */
    EventBodies<B> bodies();

    /**
     * Applies one event of a known type, read as its record.
     *
     * @return the key of the entity whose view changed, or empty when the event was skipped
     */
    Optional<String> applyBody(CloudEvent event, B body);

    @Override
    default String topic() {
        return bodies().topic();
    }

    @Override
    default Optional<String> apply(CloudEvent event, JsonNode data) {
        return bodies().read(event, data).flatMap(body -> applyBody(event, body));
    }
}
