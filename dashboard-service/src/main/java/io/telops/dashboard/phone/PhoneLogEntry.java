package io.telops.dashboard.phone;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One event of a phone's history, with a one-line summary and the event body as it was published. */
@Entity
@Table(name = "phone_log")
public class PhoneLogEntry extends PanacheEntityBase {
    /** From the column default ({@code phone_log_seq}): rows are written by {@link PhoneTables}, only read here. */
    @Id
    public Long id;
    @Column(columnDefinition = "char(12)")
    public String mac;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "event_type")
    public String eventType;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "utc_offset")
    public String utcOffset;
    public String summary;
    @Column(name = "call_reference")
    public String callReference;
    public String body;
}
