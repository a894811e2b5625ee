package io.telops.billing.events;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.contracts.EventType;
import io.telops.contracts.billing.BillingEvent;
import io.telops.contracts.billing.BillingEventTypes;

/**
 * Writes events into the outbox table inside the caller's transaction, so an event exists exactly when the
 * ledger change it describes was committed. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {
    private static final ObjectMapper JSON = EventJson.mapper();
    private final EntityManager em;

    Outbox(EntityManager em) {
        this.em = em;
    }

    /** Adds the events, in order, with one multi-row INSERT (one round trip). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String key, BillingEvent... events) {
        StringBuilder sql = new StringBuilder("insert into outbox_event (id, topic, event_key, ce_type, payload, occurred_at) values ");
        for (int i = 0; i < events.length; i++) {
            int p = i * 6;
            sql.append(i == 0 ? "" : ", ").append(String.format("(?%d, ?%d, ?%d, ?%d, ?%d, ?%d)", p + 1, p + 2, p + 3, p + 4, p + 5, p + 6));
        }
        var insert = em.createNativeQuery(sql.toString());
        for (int i = 0; i < events.length; i++) {
            BillingEvent event = events[i];
            EventType<?> type = BillingEventTypes.of(event);
            String payload;
            try {
                payload = JSON.writeValueAsString(event);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise " + type.type(), e);
            }
            int p = i * 6;
            insert.setParameter(p + 1, UUID.randomUUID()).setParameter(p + 2, type.topic()).setParameter(p + 3, key)
                    .setParameter(p + 4, type.type()).setParameter(p + 5, payload).setParameter(p + 6, event.occurredAt());
        }
        insert.executeUpdate();
    }

    public static Instant now() {
        return Instant.now();
    }
}
