package io.telops.ingest.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.contracts.phone.PhoneEvent;
import io.telops.contracts.phone.PhoneEventTypes;
import io.telops.ingest.polycom.PushEntry;

/**
 * The PostgreSQL side of durable acceptance: a push (raw body + its normalised events + what we could not map)
 * is written in ONE transaction before the phone is answered; the relay later reads unpublished rows with
 * {@code FOR UPDATE SKIP LOCKED} and marks them published only after the broker's ack.
 */
@ApplicationScoped
public class OutboxStore {
    private static final ObjectMapper JSON = EventJson.mapper();

    private final DataSource dataSource;
    /** Last IP written to known_phone per MAC, so a push does not rewrite an unchanged row. */
    private final Map<String, String> knownIps = new java.util.concurrent.ConcurrentHashMap<>();

    OutboxStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What a committed push became. */
    public record Accepted(long rawId, int recognised, int unrecognised, int invalid) {
    }

    /** One unpublished event, as the relay sends it. */
    public record OutboxRow(UUID ceId, String mac, String ceType, Instant ceTime, String payload, Instant createdAt) {
    }

    /** The stable CloudEvents id of the n-th element of a push: replaying the push yields the same ids. */
    public static UUID ceId(long rawId, int index) {
        return UUID.nameUUIDFromBytes(("telops-ingest/raw/" + rawId + "/" + index).getBytes(StandardCharsets.UTF_8));
    }

    /** One push to store: who sent it, how it was labelled, the raw bytes and what they became. */
    public record Push(String remoteAddress, Optional<String> contentType, byte[] body, List<PushEntry> entries) {
    }

    public Accepted accept(String remoteAddress, Optional<String> contentType, byte[] body, List<PushEntry> entries)
            throws SQLException {
        return acceptAll(List.of(new Push(remoteAddress, contentType, body, entries))).get(0);
    }

    /**
     * Stores several pushes in ONE transaction (group commit): one WAL flush for all of them. Nothing is
     * acknowledged before this returns, so durability is the same as one transaction per push.
     */
    public List<Accepted> acceptAll(List<Push> pushes) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<Accepted> accepted = new ArrayList<>(pushes.size());
                Map<String, String> phones = new LinkedHashMap<>();
                List<Long> ids = nextRawIds(c, pushes.size());
                // a handful of round trips per group, whatever its size (batches are rewritten to multi-row inserts)
                try (PreparedStatement raw = c.prepareStatement(INSERT_RAW);
                     PreparedStatement outbox = c.prepareStatement(INSERT_OUTBOX);
                     PreparedStatement other = c.prepareStatement(INSERT_OTHER)) {
                    for (int i = 0; i < pushes.size(); i++) {
                        Push push = pushes.get(i);
                        bindRaw(raw, ids.get(i), push);
                        raw.addBatch();
                        accepted.add(addEntries(outbox, other, ids.get(i), push.entries(), phones));
                    }
                    raw.executeBatch();
                    if (accepted.stream().anyMatch(a -> a.recognised() > 0)) {
                        outbox.executeBatch();
                    }
                    if (accepted.stream().anyMatch(a -> a.unrecognised() + a.invalid() > 0)) {
                        other.executeBatch();
                    }
                }
                phones.entrySet().removeIf(p -> p.getValue().equals(knownIps.get(p.getKey())));
                if (!phones.isEmpty()) {
                    rememberPhones(c, phones);
                }
                c.commit();
                knownIps.putAll(phones);
                return accepted;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Outbox rows for events that did not come from a push (state polling), in one transaction. */
    public void enqueue(List<PhoneEvent> events, String idNamespace) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT_OUTBOX + " on conflict (ce_id) do nothing")) {
                for (int i = 0; i < events.size(); i++) {
                    UUID id = UUID.nameUUIDFromBytes((idNamespace + "/" + i).getBytes(StandardCharsets.UTF_8));
                    bindOutbox(ps, id, null, events.get(i));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static final String INSERT_RAW = "insert into raw_push (id, remote_address, content_type, body, "
            + "recognised_count, unrecognised_count, invalid_count) values (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_OTHER = "insert into unrecognised_event (raw_id, element, mac, reason) values (?, ?, ?, ?)";

    private static List<Long> nextRawIds(Connection c, int count) throws SQLException {
        List<Long> ids = new ArrayList<>(count);
        try (PreparedStatement ps = c.prepareStatement("select nextval('raw_push_id_seq') from generate_series(1, ?)")) {
            ps.setInt(1, count);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private static void bindRaw(PreparedStatement ps, long id, Push push) throws SQLException {
        ps.setLong(1, id);
        ps.setString(2, push.remoteAddress());
        ps.setString(3, push.contentType().orElse(null));
        ps.setBytes(4, push.body());
        ps.setInt(5, count(push.entries(), PushEntry.Recognised.class));
        ps.setInt(6, count(push.entries(), PushEntry.Unrecognised.class));
        ps.setInt(7, count(push.entries(), PushEntry.Invalid.class));
    }

    private static final String INSERT_OUTBOX =
            "insert into outbox (ce_id, raw_id, mac, ce_type, ce_time, payload) values (?, ?, ?, ?, ?, ?)";

    /** Adds the rows of one push to the given batches; returns its counts. */
    private static Accepted addEntries(PreparedStatement outbox, PreparedStatement other, long rawId, List<PushEntry> entries,
                                       Map<String, String> phones) throws SQLException {
        int recognised = 0;
        int unrecognised = 0;
        int invalid = 0;
        for (int i = 0; i < entries.size(); i++) {
            PushEntry entry = entries.get(i);
            if (entry instanceof PushEntry.Recognised r) {
                bindOutbox(outbox, ceId(rawId, i), rawId, r.event());
                outbox.addBatch();
                phones.put(r.event().mac(), r.event().phoneIp());
                recognised++;
            } else if (entry instanceof PushEntry.Unrecognised u) {
                other.setLong(1, rawId);
                other.setString(2, abbreviate(u.element()));
                other.setString(3, u.mac().orElse(null));
                other.setNull(4, Types.VARCHAR);
                other.addBatch();
                unrecognised++;
            } else if (entry instanceof PushEntry.Invalid v) {
                other.setLong(1, rawId);
                other.setString(2, v.element());
                other.setNull(3, Types.CHAR);
                other.setString(4, v.reason());
                other.addBatch();
                invalid++;
            }
        }
        return new Accepted(rawId, recognised, unrecognised, invalid);
    }

    private static void bindOutbox(PreparedStatement ps, UUID id, Long rawId, PhoneEvent event) throws SQLException {
        ps.setObject(1, id);
        if (rawId == null) {
            ps.setNull(2, Types.BIGINT);
        } else {
            ps.setLong(2, rawId);
        }
        ps.setString(3, event.mac());
        ps.setString(4, PhoneEventTypes.of(event).type());
        ps.setTimestamp(5, Timestamp.from(event.occurredAt()));
        try {
            ps.setString(6, JSON.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }

    private void rememberPhones(Connection c, Map<String, String> phones) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into known_phone (mac, ip, last_seen) values (?, ?, now()) "
                + "on conflict (mac) do update set ip = excluded.ip, last_seen = excluded.last_seen")) {
            for (Map.Entry<String, String> p : phones.entrySet()) {
                ps.setString(1, p.getKey());
                ps.setString(2, p.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Locks up to {@code limit} unpublished rows, oldest first, in the caller's transaction. */
    public List<OutboxRow> lockUnpublished(Connection c, int limit) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select ce_id, mac, ce_type, ce_time, payload, created_at from outbox "
                + "where published_at is null order by seq limit ? for update skip locked")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                            rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return rows;
    }

    public void markPublished(Connection c, List<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("update outbox set published_at = now() where ce_id = any(?)")) {
            Array array = c.createArrayOf("uuid", ids.toArray());
            ps.setArray(1, array);
            ps.executeUpdate();
        }
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    public long depth() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from outbox where published_at is null")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Deletes raw payloads and published outbox rows older than the retention; returns rows deleted. */
    public int purge(Duration retention) throws SQLException {
        Timestamp cutoff = Timestamp.from(Instant.now().minus(retention));
        try (Connection c = dataSource.getConnection()) {
            int n;
            try (PreparedStatement ps = c.prepareStatement("delete from outbox where published_at is not null and published_at < ?")) {
                ps.setTimestamp(1, cutoff);
                n = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("delete from raw_push where received_at < ?")) {
                ps.setTimestamp(1, cutoff);
                n += ps.executeUpdate();
            }
            return n;
        }
    }

    /** A stored push, for replay. */
    public record RawPush(long id, String remoteAddress, Instant receivedAt, byte[] body) {
    }

    public List<RawPush> rawPushes(Instant from, Instant to, int limit) throws SQLException {
        List<RawPush> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select id, remote_address, received_at, body from raw_push "
                     + "where received_at >= ? and received_at < ? order by id limit ?")) {
            ps.setTimestamp(1, Timestamp.from(from));
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RawPush(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getBytes(4)));
                }
            }
        }
        return out;
    }

    /** Re-enqueues the events of a stored push under their original ce_ids (consumers de-duplicate). */
    public int replay(long rawId, List<PushEntry> entries) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int n;
                try (PreparedStatement outbox = c.prepareStatement(INSERT_OUTBOX + " on conflict (ce_id) do update set published_at = null");
                     PreparedStatement ignored = c.prepareStatement(INSERT_OTHER)) {
                    // unknown/invalid elements were recorded when the push arrived: only events are re-enqueued
                    n = addEntries(outbox, ignored, rawId, entries, new LinkedHashMap<>()).recognised();
                    if (n > 0) {
                        outbox.executeBatch();
                    }
                }
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** A phone we have heard from. */
    public record KnownPhone(String mac, String ip) {
    }

    public List<KnownPhone> knownPhones() throws SQLException {
        List<KnownPhone> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select mac, ip from known_phone order by mac")) {
            while (rs.next()) {
                out.add(new KnownPhone(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    private static int count(List<PushEntry> entries, Class<? extends PushEntry> kind) {
        return (int) entries.stream().filter(kind::isInstance).count();
    }

    private static String abbreviate(String element) {
        return element.length() <= 100 ? element : element.substring(0, 100);
    }
}
