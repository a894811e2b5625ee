package io.telops.dashboard.feed;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.qute.TemplateData;
import io.telops.dashboard.domain.NativeRows;

/** Recent events of the other topics, per topic and per entity (the record key). */
@ApplicationScoped
@Transactional
public class FeedQueries {
    private final EntityManager entityManager;
    private final FeedConfig config;

    FeedQueries(EntityManager entityManager, FeedConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** One stored event; {@code body} is the event's JSON, passed through as JSON. */
    @TemplateData
    public record EventView(String eventId, String topic, String type, String key, Optional<String> source,
                            Instant occurredAt, Instant receivedAt, @JsonRawValue String body) {
        static EventView of(FeedEvent e) {
            return new EventView(e.eventId, e.topic, e.eventType, e.eventKey, Optional.ofNullable(e.source),
                    e.occurredAt, e.receivedAt, e.body);
        }
    }

    /** An entity of a topic (a call, a device, an account, a trunk) with its latest event. */
    @TemplateData
    public record EntityView(String key, long events, Instant lastAt, String lastType) {
    }

    /** A topic with its stored event count and newest event time. */
    @TemplateData
    public record TopicView(String topic, long events, Optional<Instant> lastAt) {
    }

    public boolean isFeedTopic(String topic) {
        return config.topics().contains(topic);
    }

    public List<TopicView> topics() {
        return config.topics().stream().map(topic -> {
            Object[] row = (Object[]) entityManager.createNativeQuery(
                    "select count(*), max(occurred_at) from feed_event where topic = :topic")
                    .setParameter("topic", topic).getSingleResult();
            return new TopicView(topic, ((Number) row[0]).longValue(), Optional.ofNullable(row[1]).map(NativeRows::instant));
        }).toList();
    }

    public List<EntityView> entities(String topic, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select k.event_key, k.events, k.last_at,
                       (select f.event_type from feed_event f where f.topic = :topic and f.event_key = k.event_key
                        order by f.occurred_at desc limit 1)
                from (select event_key, count(*) as events, max(occurred_at) as last_at from feed_event
                      where topic = :topic group by event_key order by max(occurred_at) desc limit :limit) k
                order by k.last_at desc""")
                .setParameter("topic", topic).setParameter("limit", limit).getResultList();
        return rows.stream().map(r -> new EntityView((String) r[0], ((Number) r[1]).longValue(), NativeRows.instant(r[2]), (String) r[3])).toList();
    }

    public List<EventView> recent(String topic, Optional<String> key, Optional<String> type, int limit) {
        StringBuilder query = new StringBuilder("topic = :topic");
        Parameters params = Parameters.with("topic", topic);
        key.ifPresent(k -> {
            query.append(" and eventKey = :key");
            params.and("key", k);
        });
        type.ifPresent(t -> {
            query.append(" and eventType = :type");
            params.and("type", t);
        });
        return FeedEvent.<FeedEvent>find(query.toString(), Sort.descending("occurredAt", "eventId"), params)
                .page(0, limit).list().stream().map(EventView::of).toList();
    }

}
