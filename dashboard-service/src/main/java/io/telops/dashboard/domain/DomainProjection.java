package io.telops.dashboard.domain;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.telops.dashboard.events.CloudEvent;

/**
 * A typed read model of one topic, kept next to the generic feed. The feed calls it inside the transaction that
 * claims the event's ce_id, so each event reaches it exactly once and a rolled-back batch leaves no trace here.
 * Implementations are CDI beans; any number may follow the same topic.
 */
public interface DomainProjection {

    /** The topic whose events this read model takes. */
    String topic();

    /**
     * Applies one event seen for the first time. Unknown event types must be ignored (return empty), so that a
     * producer's new type never blocks the consumer.
     *
     * @return the key of the entity whose view changed, for live updates of open pages
     */
    Optional<String> apply(CloudEvent event, JsonNode data);
}
