package io.telops.billing.events;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

    /** One outbox row: the event serialised, with the id that becomes its {@code ce_id}. */
    public record Row(UUID id, String topic, String key, String ceType, String payload, Instant occurredAt) {
    }

    /** Adds the events, in order, with one multi-row INSERT (one round trip). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(String key, BillingEvent... events) {
        List<Row> rows = rows(key, events);
        StringBuilder sql = new StringBuilder(INSERT);
        for (int i = 0; i < rows.size(); i++) {
            int p = i * 6;
            sql.append(i == 0 ? "" : ", ").append(String.format("(?%d, ?%d, ?%d, ?%d, ?%d, ?%d)", p + 1, p + 2, p + 3, p + 4, p + 5, p + 6));
        }
        var insert = em.createNativeQuery(sql.toString());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int p = i * 6;
            insert.setParameter(p + 1, r.id()).setParameter(p + 2, r.topic()).setParameter(p + 3, r.key())
                    .setParameter(p + 4, r.ceType()).setParameter(p + 5, r.payload()).setParameter(p + 6, r.occurredAt());
        }
        insert.executeUpdate();
    }

    /** {@code insert into outbox_event (...) values }: append {@link #values(int)} for plain JDBC statements. */
    public static final String INSERT = "insert into outbox_event (id, topic, event_key, ce_type, payload, occurred_at) values ";

    /** The JDBC placeholders of {@code n} rows, for {@link #INSERT}. */
    public static String values(int n) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
        }
        return sql.toString();
    }

    /** Serialises the events into rows (done by the caller before or inside its transaction). */
    public static List<Row> rows(String key, BillingEvent... events) {
        List<Row> rows = new ArrayList<>(events.length);
        for (BillingEvent event : events) {
            EventType<?> type = BillingEventTypes.of(event);
            try {
                rows.add(new Row(UUID.randomUUID(), type.topic(), key, type.type(), JSON.writeValueAsString(event), event.occurredAt()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot serialise " + type.type(), e);
            }
        }
        return rows;
    }

    /** Binds rows to the placeholders of {@link #values(int)} starting at {@code index}; returns the next index. */
    public static int bind(PreparedStatement statement, int index, List<Row> rows) throws SQLException {
        int i = index;
        for (Row r : rows) {
            statement.setObject(i++, r.id());
            statement.setString(i++, r.topic());
            statement.setString(i++, r.key());
            statement.setString(i++, r.ceType());
            statement.setString(i++, r.payload());
            statement.setObject(i++, OffsetDateTime.ofInstant(r.occurredAt(), ZoneOffset.UTC));
        }
        return i;
    }

    public static Instant now() {
        return Instant.now();
    }
}
