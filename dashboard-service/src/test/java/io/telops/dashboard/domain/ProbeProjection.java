package io.telops.dashboard.domain;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.telops.contracts.Topics;
import io.telops.dashboard.events.CloudEvent;

/** A typed view used only by the tests: takes one made-up event type and remembers what it was given. */
@ApplicationScoped
public class ProbeProjection implements DomainProjection {
    public static final String TYPE = "io.telops.test.probe.v1";

    private final List<String> appliedIds = new CopyOnWriteArrayList<>();
    private final List<String> names = new CopyOnWriteArrayList<>();

    @Override
    public String topic() {
        return Topics.BILLING_EVENTS;
    }

    @Override
    public Optional<String> apply(CloudEvent event, JsonNode data) {
        if (!TYPE.equals(event.type())) {
            return Optional.empty();
        }
        appliedIds.add(event.id());
        names.add(data.path("name").asText());
        return Optional.of(event.key());
    }

    public List<String> appliedIds() {
        return List.copyOf(appliedIds);
    }

    public List<String> names() {
        return List.copyOf(names);
    }
}
