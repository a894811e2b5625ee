package io.telops.dashboard.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.contracts.EventType;
import io.telops.dashboard.events.CloudEvent;

/**
 * Reads an event's body as the contract record of its type, for one typed {@link DomainProjection}. A type the view
 * does not know has no body (a producer's new type never blocks the view); a body that is not its record, or lacks
 * what the view needs, is logged with the event's position and skipped: the feed keeps the raw event.
 */
public final class EventBodies<B> {
    private static final Logger LOG = Logger.getLogger(EventBodies.class);
    private static final ObjectMapper JSON = EventJson.mapper();

    private final String view;
    private final String topic;
    private final Class<B> bodyClass;
    private final Map<String, EventType<?>> types;

    /** @param view the read model's name in log lines ("balances view") */
    public EventBodies(String view, String topic, Class<B> bodyClass, List<EventType<?>> types) {
        this.view = view;
        this.topic = topic;
        this.bodyClass = bodyClass;
        this.types = types.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    }

    public String topic() {
        return topic;
    }

    public Optional<B> read(CloudEvent event, JsonNode data) {
        EventType<?> type = types.get(event.type());
        if (type == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(bodyClass.cast(JSON.treeToValue(data, type.recordClass())));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("%s: %s %s at %s is not a %s: %s", view, event.type(), event.id(), event.position(),
                    type.recordClass().getSimpleName(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Logs an event of a known type that the view cannot apply; returns no changed key. */
    public Optional<String> skipped(CloudEvent event, String why) {
        LOG.warnf("%s: %s %s at %s skipped, %s", view, event.type(), event.id(), event.position(), why);
        return Optional.empty();
    }
}
