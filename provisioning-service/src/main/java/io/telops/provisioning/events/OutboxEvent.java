package io.telops.provisioning.events;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event written in the same transaction as the change it reports; the relay publishes it. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "event_type")
    public String eventType;
    public String mac;
    public String payload;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "published_at")
    public Instant publishedAt;
}
