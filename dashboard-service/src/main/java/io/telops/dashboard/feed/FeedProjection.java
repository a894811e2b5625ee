package io.telops.dashboard.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.dashboard.events.CloudEvent;
import io.telops.dashboard.events.EventOutcome;
import io.telops.dashboard.events.ProcessedEvents;

/** Stores a batch of other-domain events, each ce_id once, in one transaction. */
@ApplicationScoped
public class FeedProjection {
    private static final ObjectMapper JSON = EventJson.mapper();

    private final ProcessedEvents processedEvents;
    private final FeedConfig config;

    FeedProjection(ProcessedEvents processedEvents, FeedConfig config) {
        this.processedEvents = processedEvents;
        this.config = config;
    }

    /** Outcome counts per topic of one committed batch. */
    public record BatchResult(Map<String, Map<EventOutcome, Integer>> outcomesByTopic) {
    }

    @Transactional
    public BatchResult apply(List<CloudEvent> events) {
        Instant now = Instant.now();
        Map<String, List<CloudEvent>> byTopic = new LinkedHashMap<>();
        events.forEach(e -> byTopic.computeIfAbsent(e.topic(), t -> new ArrayList<>()).add(e));
        Map<String, Map<EventOutcome, Integer>> outcomes = new LinkedHashMap<>();
        for (Map.Entry<String, List<CloudEvent>> topic : byTopic.entrySet()) {
            Map<EventOutcome, Integer> counts = outcomes.computeIfAbsent(topic.getKey(), t -> new EnumMap<>(EventOutcome.class));
            Map<String, CloudEvent> firstById = new LinkedHashMap<>();
            Map<String, EventOutcome> outcomeById = new LinkedHashMap<>();
            for (CloudEvent event : topic.getValue()) {
                if (firstById.putIfAbsent(event.id(), event) != null) {
                    counts.merge(EventOutcome.DUPLICATE, 1, Integer::sum);
                } else {
                    outcomeById.put(event.id(), isJsonObject(event.data()) ? EventOutcome.APPLIED : EventOutcome.MALFORMED);
                }
            }
            var fresh = processedEvents.claim(topic.getKey(), outcomeById.entrySet().stream()
                    .map(e -> new ProcessedEvents.Claim(e.getKey(), firstById.get(e.getKey()).type(), e.getValue())).toList());
            for (Map.Entry<String, EventOutcome> entry : outcomeById.entrySet()) {
                if (!fresh.contains(entry.getKey())) {
                    counts.merge(EventOutcome.DUPLICATE, 1, Integer::sum);
                    continue;
                }
                counts.merge(entry.getValue(), 1, Integer::sum);
                if (entry.getValue() == EventOutcome.APPLIED) {
                    store(firstById.get(entry.getKey()), now);
                }
            }
        }
        return new BatchResult(outcomes);
    }

    /** Remembers an event that could not be stored, so a redelivery does not fail on it again. */
    @Transactional
    public void setAside(CloudEvent event) {
        processedEvents.claim(event.topic(), List.of(new ProcessedEvents.Claim(event.id(), event.type(), EventOutcome.FAILED)));
    }

    private void store(CloudEvent event, Instant now) {
        FeedEvent stored = new FeedEvent();
        stored.eventId = event.id();
        stored.topic = event.topic();
        stored.eventType = event.type();
        stored.eventKey = clip(event.key(), 200);
        stored.source = event.source().map(s -> clip(s, 200)).orElse(null);
        stored.occurredAt = event.time().orElse(now);
        stored.receivedAt = now;
        stored.body = event.data().length <= config.maxBodyBytes()
                ? new String(event.data(), StandardCharsets.UTF_8)
                : "{\"omitted\":\"body of " + event.data().length + " bytes exceeds telops.dashboard.feed.max-body-bytes\"}";
        stored.persist();
    }

    private static boolean isJsonObject(byte[] data) {
        try {
            JsonNode node = JSON.readTree(data);
            return node != null && node.isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
