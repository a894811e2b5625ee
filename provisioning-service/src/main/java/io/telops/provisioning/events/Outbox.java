package io.telops.provisioning.events;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.contracts.provisioning.ProvisioningEvent;
import io.telops.contracts.provisioning.ProvisioningEventTypes;

/** Writes events into the outbox table inside the caller's transaction. */
@ApplicationScoped
public class Outbox {
    private static final ObjectMapper JSON = EventJson.mapper();

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(ProvisioningEvent event) {
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.eventType = ProvisioningEventTypes.of(event).type();
        row.mac = event.mac();
        row.occurredAt = event.occurredAt();
        try {
            row.payload = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be serialised", e);
        }
        row.persist();
    }
}
