package io.telops.dashboard.feed;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An event of another domain's topic, stored by what every CloudEvent has (id, type, key, time, JSON body),
 * so new event types of other teams show up without a change here.
 */
@Entity
@Table(name = "feed_event")
public class FeedEvent extends PanacheEntityBase {
    @Id
    @Column(name = "event_id")
    public String eventId;
    public String topic;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "event_key")
    public String eventKey;
    public String source;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "received_at")
    public Instant receivedAt;
    public String body;
}
