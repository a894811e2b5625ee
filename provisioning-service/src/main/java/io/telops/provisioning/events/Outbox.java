package io.telops.provisioning.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.contracts.Topics;
import io.telops.contracts.provisioning.ProvisioningEvent;
import io.telops.contracts.provisioning.ProvisioningEventTypes;
import io.telops.outbox.OutboxEvent;

/** Writes provisioning events, keyed by MAC, into the platform outbox inside the caller's transaction. */
@ApplicationScoped
public class Outbox {
    private static final ObjectMapper JSON = EventJson.mapper();
    private final io.telops.outbox.Outbox outbox;

    Outbox(io.telops.outbox.Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void add(ProvisioningEvent event) {
        String payload;
        try {
            payload = JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event cannot be serialised", e);
        }
        outbox.add(OutboxEvent.of(Topics.PROVISIONING_EVENTS, event.mac(), ProvisioningEventTypes.of(event).type(), payload,
                event.occurredAt()));
    }
}
