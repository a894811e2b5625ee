package io.telops.billing.events;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.contracts.EventType;
import io.telops.contracts.billing.BillingEvent;
import io.telops.contracts.billing.BillingEventTypes;
import io.telops.outbox.OutboxEvent;

/** Billing events as outbox rows (platform/outbox writes and relays them): serialised, typed, keyed by account. */
public final class OutboxEvents {
    private static final ObjectMapper JSON = EventJson.mapper();

    private OutboxEvents() {
    }

    /** Serialises the events, in order (done by the caller before or inside its transaction). */
    public static List<OutboxEvent> of(String key, BillingEvent... events) {
        List<OutboxEvent> rows = new ArrayList<>(events.length);
        for (BillingEvent event : events) {
            EventType<?> type = BillingEventTypes.of(event);
            try {
                rows.add(OutboxEvent.of(type.topic(), key, type.type(), JSON.writeValueAsString(event), event.occurredAt()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise " + type.type(), e);
            }
        }
        return rows;
    }
}
