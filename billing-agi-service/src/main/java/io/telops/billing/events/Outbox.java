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

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String key, BillingEvent event) {
        EventType<?> type = BillingEventTypes.of(event);
        String payload;
        try {
            payload = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + type.type(), e);
        }
        em.createNativeQuery("insert into outbox_event (id, topic, event_key, ce_type, payload, occurred_at) "
                        + "values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, type.topic()).setParameter(3, key)
                .setParameter(4, type.type()).setParameter(5, payload).setParameter(6, event.occurredAt())
                .executeUpdate();
    }

    public static Instant now() {
        return Instant.now();
    }
}
