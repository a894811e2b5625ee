package io.telops.vats.events;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.contracts.vats.VatsEventTypes;
import io.telops.contracts.vats.SyncGuardTripped;
import io.telops.contracts.vats.VatsEvent;

/** Appends events to the outbox inside the caller's transaction; the relay publishes them later. */
@ApplicationScoped
public class OutboxStore {
    private static final ObjectMapper JSON = EventJson.mapper();
    private final DataSource dataSource;

    OutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void append(List<? extends VatsEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (event_id, event_type, event_key, payload, occurred_at) "
                     + "VALUES (?,?,?,?,?) ON CONFLICT (event_id) DO NOTHING")) {
            for (VatsEvent event : events) {
                ps.setObject(1, eventId(event));
                ps.setString(2, VatsEventTypes.of(event).type());
                ps.setString(3, event.key());
                ps.setString(4, JSON.writeValueAsString(event));
                ps.setTimestamp(5, Timestamp.from(Instant.now()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot append to the outbox", e);
        }
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
