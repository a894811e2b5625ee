package io.telops.vats.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.contracts.Topics;
import io.telops.contracts.vats.SyncGuardTripped;
import io.telops.contracts.vats.VatsEvent;
import io.telops.contracts.vats.VatsEventTypes;
import io.telops.outbox.Outbox;
import io.telops.outbox.OutboxEvent;

/** Appends trunk events to the platform outbox inside the caller's transaction; its relay publishes them. */
@ApplicationScoped
public class OutboxStore {
    private static final ObjectMapper JSON = EventJson.mapper();
    private final Outbox outbox;

    OutboxStore(Outbox outbox) {
        this.outbox = outbox;
    }

    public void append(List<? extends VatsEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = Instant.now();
        List<OutboxEvent> rows = new ArrayList<>(events.size());
        for (VatsEvent event : events) {
            try {
                rows.add(new OutboxEvent(eventId(event), Topics.VATS_TRUNKS, event.key(), VatsEventTypes.of(event).type(),
                        JSON.writeValueAsString(event), now));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot append to the outbox", e);
            }
        }
        outbox.add(rows);
    }

    /** A run trips the guard at most once: its event's id is named by the run, so a second append is no second row. */
    static UUID eventId(VatsEvent event) {
        if (event instanceof SyncGuardTripped tripped) {
            return UUID.nameUUIDFromBytes((VatsEventTypes.SYNC_GUARD_TRIPPED.type() + "/" + tripped.runId())
                    .getBytes(StandardCharsets.UTF_8));
        }
        return UUID.randomUUID();
    }
}
