package io.telops.dashboard.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.dashboard.charts.BucketCounts;
import io.telops.dashboard.charts.Chart;
import io.telops.dashboard.domain.DomainProjection;
import io.telops.dashboard.events.CloudEvent;
import io.telops.dashboard.events.EventOutcome;
import io.telops.dashboard.events.ProcessedEvents;

/**
 * Stores a batch of other-domain events, each ce_id once, in one transaction, and hands each fresh event to the
 * typed {@link DomainProjection}s of its topic in that same transaction.
 */
@ApplicationScoped
public class FeedProjection {
    private static final ObjectMapper JSON = EventJson.mapper();

    private final ProcessedEvents processedEvents;
    private final FeedConfig config;
    private final Map<String, List<DomainProjection>> projectionsByTopic = new LinkedHashMap<>();
    private final EntityManager entityManager;

    FeedProjection(ProcessedEvents processedEvents, FeedConfig config, Instance<DomainProjection> projections,
                   EntityManager entityManager) {
        this.processedEvents = processedEvents;
        this.config = config;
        this.entityManager = entityManager;
        projections.forEach(p -> projectionsByTopic.computeIfAbsent(p.topic(), t -> new ArrayList<>()).add(p));
    }

    /** Outcome counts per topic of one committed batch, and the keys the typed views changed, per topic. */
    public record BatchResult(Map<String, Map<EventOutcome, Integer>> outcomesByTopic,
                              Map<String, Set<String>> changedKeysByTopic) {
    }

    @Transactional
    public BatchResult apply(List<CloudEvent> events) {
        Instant now = Instant.now();
        Map<String, List<CloudEvent>> byTopic = new LinkedHashMap<>();
        events.forEach(e -> byTopic.computeIfAbsent(e.topic(), t -> new ArrayList<>()).add(e));
        Map<String, Map<EventOutcome, Integer>> outcomes = new LinkedHashMap<>();
        Map<String, Set<String>> changedKeys = new LinkedHashMap<>();
        BucketCounts perMinute = new BucketCounts();
        for (Map.Entry<String, List<CloudEvent>> topic : byTopic.entrySet()) {
            Map<EventOutcome, Integer> counts = outcomes.computeIfAbsent(topic.getKey(), t -> new EnumMap<>(EventOutcome.class));
            Map<String, CloudEvent> firstById = new LinkedHashMap<>();
            Map<String, EventOutcome> outcomeById = new LinkedHashMap<>();
            Map<String, JsonNode> bodyById = new LinkedHashMap<>();
            for (CloudEvent event : topic.getValue()) {
                if (firstById.putIfAbsent(event.id(), event) != null) {
                    counts.merge(EventOutcome.DUPLICATE, 1, Integer::sum);
                    continue;
                }
                Optional<JsonNode> body = jsonObject(event.data());
                body.ifPresent(b -> bodyById.put(event.id(), b));
                outcomeById.put(event.id(), body.isPresent() ? EventOutcome.APPLIED : EventOutcome.MALFORMED);
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
                    CloudEvent event = firstById.get(entry.getKey());
                    store(event, now);
                    perMinute.add(Chart.EVENTS, event.topic(), 0, event.receivedAt(), 1);
                    project(event, bodyById.get(entry.getKey())).forEach(key -> changedKeys.computeIfAbsent(event.topic(), t -> new TreeSet<>()).add(key));
                }
            }
        }
        entityManager.unwrap(Session.class).doWork(perMinute::write);
        return new BatchResult(outcomes, changedKeys);
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

    private List<String> project(CloudEvent event, JsonNode data) {
        return projectionsByTopic.getOrDefault(event.topic(), List.of()).stream()
                .map(p -> p.apply(event, data)).flatMap(Optional::stream).toList();
    }

    /** The body read once, for the check and for the typed views; empty unless it is a JSON object. */
    private static Optional<JsonNode> jsonObject(byte[] data) {
        try {
            return Optional.ofNullable(JSON.readTree(data)).filter(JsonNode::isObject);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
