package io.telops.ingest.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.telops.contracts.phone.PhoneEvent;
import io.telops.ingest.kafka.PhoneEventRecords;
import io.telops.ingest.polycom.EventIds;
import io.telops.ingest.polycom.PushEntry;
import io.telops.outbox.Outbox;
import io.telops.outbox.OutboxEvent;

/**
 * The PostgreSQL side of durable acceptance: a push (raw body + its normalised events + what we could not map)
 * is written in ONE transaction before the phone is answered, its events into the platform's {@code telops_outbox}
 * (platform/outbox), whose relay publishes them. Also the raw side of pushes the broker took (the archiver), the
 * raw pushes for replay and retention, and the phones heard from (state polling).
 */
@ApplicationScoped
public class PushStore {

    private final DataSource dataSource;
    /** Last addresses written to known_phone per MAC, so a push does not rewrite an unchanged row. */
    private final Map<String, PhoneAddress> knownIps = new java.util.concurrent.ConcurrentHashMap<>();
    private final RawIds rawIds;
    private final String insertGroup;

    @jakarta.inject.Inject
    PushStore(DataSource dataSource) {
        this(dataSource, Outbox.INSERT_ARRAYS);
    }

    /** {@code outboxInsert}: the events' insert of the group statement (the store-cost benchmark compares variants). */
    PushStore(DataSource dataSource, String outboxInsert) {
        this.dataSource = dataSource;
        this.rawIds = new RawIds(dataSource);
        this.insertGroup = groupStatement(outboxInsert);
    }

    @jakarta.annotation.PreDestroy
    void close() {
        rawIds.close();
    }

    /** Raw push ids, handed out in blocks reserved from the database (shared by both ways to accept a push). */
    public RawIds rawIds() {
        return rawIds;
    }

    /** What an accepted push became. */
    public record Accepted(long rawId, int recognised, int unrecognised, int invalid) {
        public static Accepted of(long rawId, List<PushEntry> entries) {
            int recognised = 0;
            int unrecognised = 0;
            for (PushEntry entry : entries) {
                if (entry instanceof PushEntry.Recognised) {
                    recognised++;
                } else if (entry instanceof PushEntry.Unrecognised) {
                    unrecognised++;
                }
            }
            return new Accepted(rawId, recognised, unrecognised, entries.size() - recognised - unrecognised);
        }
    }

    /**
     * One push to store: who sent it, how it was labelled, the raw bytes and what they became, when it arrived, and
     * its raw push id when one was already given to it (a push first sent to Kafka keeps its raw id; its ce_ids come from
     * its content either way), and the W3C trace context of the request (its events' rows carry it: a writer thread has
     * no span of its own).
     */
    public record Push(String remoteAddress, Optional<String> contentType, byte[] body, List<PushEntry> entries,
                       Instant receivedAt, OptionalLong rawId, Optional<String> traceparent) {
        public Push(String remoteAddress, Optional<String> contentType, byte[] body, List<PushEntry> entries,
                    Instant receivedAt, OptionalLong rawId) {
            this(remoteAddress, contentType, body, entries, receivedAt, rawId, Optional.empty());
        }

        public Push(String remoteAddress, Optional<String> contentType, byte[] body, List<PushEntry> entries) {
            this(remoteAddress, contentType, body, entries, Instant.now(), OptionalLong.empty());
        }

        public Push withRawId(long id) {
            return new Push(remoteAddress, contentType, body, entries, receivedAt, OptionalLong.of(id), traceparent);
        }

        public Push withEntries(List<PushEntry> parsed) {
            return new Push(remoteAddress, contentType, body, parsed, receivedAt, rawId, traceparent);
        }
    }

    public Accepted accept(String remoteAddress, Optional<String> contentType, byte[] body, List<PushEntry> entries)
            throws SQLException {
        return acceptAll(List.of(new Push(remoteAddress, contentType, body, entries))).get(0);
    }

    /**
     * Stores several pushes in ONE transaction (group commit) and ONE statement: raw bodies, outbox rows,
     * unrecognised elements and changed phone addresses travel as arrays and are inserted by data-modifying CTEs,
     * so a group of any size costs one round trip plus the commit (one WAL flush). Nothing is acknowledged before
     * this returns, so durability is the same as one transaction per push; if it throws, nothing was stored.
     */
    public List<Accepted> acceptAll(List<Push> pushes) throws SQLException {
        return acceptAll(pushes, (n, statement, commit) -> { });
    }

    /** Where a group commit's time went. */
    public interface GroupTimings {
        void record(int pushes, long statementNanos, long commitNanos);
    }

    public List<Accepted> acceptAll(List<Push> pushes, GroupTimings timings) throws SQLException {
        return acceptAll(pushes, timings, rows -> { });
    }

    /**
     * As {@link #acceptAll(List, GroupTimings)}, and hands the events the group inserted into the outbox to
     * {@code committed} after the COMMIT, before returning: the relay can publish them without reading them back.
     */
    public List<Accepted> acceptAll(List<Push> pushes, GroupTimings timings, Consumer<Inserted> committed)
            throws SQLException {
        return write(pushes, true, timings, committed);
    }

    /**
     * Stores the raw side of pushes whose events were published to Kafka already (raw body, unrecognised elements,
     * phone addresses), in one statement and one transaction, and no outbox row. Each push must carry its raw id;
     * one stored before under the same id is left as it is, so archiving twice stores once.
     */
    public void archive(List<Push> pushes) throws SQLException {
        if (pushes.stream().anyMatch(p -> p.rawId().isEmpty())) {
            throw new IllegalArgumentException("archived pushes keep the raw id they were published under");
        }
        write(pushes, false, (n, statement, commit) -> { }, rows -> { });
    }

    /** The outbox rows a group commit inserted, in insertion order, with the seq each got (for the relay's delete). */
    public record Inserted(List<OutboxEvent> events, long[] seqs) {
    }

    private List<Accepted> write(List<Push> pushes, boolean withEvents, GroupTimings timings,
                                 Consumer<Inserted> committed) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                long[] ids = new long[pushes.size()];
                for (int i = 0; i < ids.length; i++) {
                    OptionalLong given = pushes.get(i).rawId();
                    ids[i] = given.isPresent() ? given.getAsLong() : rawIds.next(c);
                }
                // rows in raw id order: the group commit and the archiver may insert the same ids (a push on both
                // paths), and two transactions taking the same keys in one order cannot deadlock
                Integer[] order = new Integer[ids.length];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> ids[i]));
                GroupRows rows = new GroupRows(withEvents);
                Accepted[] byPush = new Accepted[ids.length];
                for (int i : order) {
                    byPush[i] = rows.add(ids[i], pushes.get(i));
                }
                List<Accepted> accepted = java.util.Arrays.asList(byPush);
                // only addresses that changed since this instance last wrote them; sorted so writers lock in one order
                rows.phones.entrySet().removeIf(p -> p.getValue().equals(knownIps.get(p.getKey())));
                long t0 = System.nanoTime();
                Map<UUID, Long> inserted = new HashMap<>(rows.events.size() * 2);
                try (PreparedStatement ps = c.prepareStatement(insertGroup)) {
                    rows.bind(ps);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            inserted.put(rs.getObject(1, UUID.class), rs.getLong(2));
                        }
                    }
                }
                long t1 = System.nanoTime();
                c.commit();
                timings.record(pushes.size(), t1 - t0, System.nanoTime() - t1);
                if (!rows.phones.isEmpty()) {
                    knownIps.putAll(rows.phones); // putAll presizes the map even when there is nothing to put
                }
                try {
                    committed.accept(rows.inserted(inserted));
                } catch (RuntimeException e) {
                    // committed all the same: the relay's database poll finds rows that were not handed over
                }
                return accepted;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException rollback) {
            cause.addSuppressed(rollback);
        }
    }

    /**
     * The events go to {@code telops_outbox} through the platform's array insert, which skips a ce_id already waiting
     * there (a resend of a push still pending); the statement returns the ids it inserted and their seqs, for the
     * hand-off (the relay deletes acknowledged rows by seq, the append-only primary key).
     * A push can reach the table twice with the same id (published to Kafka, then stored here after a late ack
     * failure, while the archiver also stores it): the raw row and its unrecognised elements are written once.
     */
    static String groupStatement(String outboxInsert) {
        return """
            with raw as (
                insert into raw_push (id, received_at, remote_address, content_type, body, recognised_count, unrecognised_count, invalid_count)
                select * from unnest(?::bigint[], (?::text[])::timestamptz[], ?::text[], ?::text[], ?::bytea[], ?::int[], ?::int[], ?::int[])
                on conflict (id) do nothing
                returning id
            ), events as (
                %s
                returning id, seq
            ), others as (
                insert into unrecognised_event (raw_id, element, mac, reason)
                select u.* from unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) as u(raw_id, element, mac, reason)
                where u.raw_id in (select id from raw)
            ), phones as (
                insert into known_phone (mac, ip, source_address, last_seen)
                select p.mac, p.ip, p.source, now() from unnest(?::text[], ?::text[], ?::text[]) as p(mac, ip, source)
                on conflict (mac) do update set ip = excluded.ip, source_address = excluded.source_address, last_seen = excluded.last_seen
            )
            select id, seq from events""".formatted(outboxInsert);
    }

    /** The columns of one group commit, as arrays for {@link #groupStatement}. */
    private static final class GroupRows {
        /** false when the events are published already (the archiver): only the raw side is written. */
        final boolean withEvents;
        final List<Long> rawIds = new ArrayList<>();
        final List<String> receivedAts = new ArrayList<>();
        final List<String> remotes = new ArrayList<>();
        final List<String> contentTypes = new ArrayList<>();
        final List<byte[]> bodies = new ArrayList<>();
        final List<Integer> recognisedCounts = new ArrayList<>();
        final List<Integer> unrecognisedCounts = new ArrayList<>();
        final List<Integer> invalidCounts = new ArrayList<>();
        final List<OutboxEvent> events = new ArrayList<>();
        final Set<UUID> seen = new HashSet<>();
        final List<Long> otherRawIds = new ArrayList<>();
        final List<String> otherElements = new ArrayList<>();
        final List<String> otherMacs = new ArrayList<>();
        final List<String> otherReasons = new ArrayList<>();
        final java.util.TreeMap<String, PhoneAddress> phones = new java.util.TreeMap<>();

        GroupRows(boolean withEvents) {
            this.withEvents = withEvents;
        }

        Accepted add(long rawId, Push push) {
            List<PushEntry> entries = push.entries();
            for (PushEntry entry : entries) {
                if (entry instanceof PushEntry.Recognised r) {
                    PhoneEvent event = r.event();
                    phones.put(event.mac(), new PhoneAddress(event.phoneIp(), push.remoteAddress()));
                    // an event repeated within the group (a retry queued with its original) is one row
                    if (withEvents && seen.add(r.ceId())) {
                        events.add(PhoneEventRecords.outboxEvent(r.ceId(), event, push.traceparent()));
                    }
                } else if (entry instanceof PushEntry.Unrecognised u) {
                    otherRawIds.add(rawId);
                    otherElements.add(abbreviate(u.element()));
                    otherMacs.add(u.mac().orElse(null));
                    otherReasons.add(null);
                } else if (entry instanceof PushEntry.Invalid v) {
                    otherRawIds.add(rawId);
                    otherElements.add(v.element());
                    otherMacs.add(null);
                    otherReasons.add(v.reason());
                }
            }
            Accepted accepted = Accepted.of(rawId, entries);
            rawIds.add(rawId);
            receivedAts.add(push.receivedAt().toString());
            remotes.add(push.remoteAddress());
            contentTypes.add(push.contentType().orElse(null));
            bodies.add(push.body());
            recognisedCounts.add(accepted.recognised());
            unrecognisedCounts.add(accepted.unrecognised());
            invalidCounts.add(accepted.invalid());
            return accepted;
        }

        /** The events the statement inserted ({@code returning id, seq}), in insertion order, for the relay. */
        Inserted inserted(Map<UUID, Long> seqs) {
            List<OutboxEvent> out = new ArrayList<>(seqs.size());
            long[] positions = new long[seqs.size()];
            for (OutboxEvent e : events) {
                Long seq = seqs.get(e.id());
                if (seq != null) {
                    positions[out.size()] = seq;
                    out.add(e);
                }
            }
            return new Inserted(out, positions);
        }

        /**
         * Binds the columns as arrays. {@code setObject} with {@code long[]}, {@code int[]}, {@code String[]} and
         * {@code byte[][]} sends them in PostgreSQL's binary array format (pgjdbc "Arrays"): no quoting/escaping of
         * every payload into an array literal here and no {@code array_in} parse of it in the backend, and bodies
         * travel as bytes instead of hex. The outbox columns are bound by the platform's {@link Outbox#bindArrays}.
         */
        void bind(PreparedStatement ps) throws SQLException {
            int p = 1;
            ps.setObject(p++, longs(rawIds));
            ps.setObject(p++, receivedAts.toArray(new String[0]));
            ps.setObject(p++, remotes.toArray(new String[0]));
            ps.setObject(p++, contentTypes.toArray(new String[0]));
            ps.setObject(p++, bodies.toArray(new byte[0][]));
            ps.setObject(p++, ints(recognisedCounts));
            ps.setObject(p++, ints(unrecognisedCounts));
            ps.setObject(p++, ints(invalidCounts));
            p = Outbox.bindArrays(ps, p, events);
            ps.setObject(p++, longs(otherRawIds));
            ps.setObject(p++, otherElements.toArray(new String[0]));
            ps.setObject(p++, otherMacs.toArray(new String[0]));
            ps.setObject(p++, otherReasons.toArray(new String[0]));
            ps.setObject(p++, phones.keySet().toArray(new String[0]));
            ps.setObject(p++, phones.values().stream().map(PhoneAddress::ip).toArray(String[]::new));
            ps.setObject(p++, phones.values().stream().map(PhoneAddress::source).toArray(String[]::new));
        }

        private static long[] longs(List<Long> values) {
            long[] out = new long[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i);
            }
            return out;
        }

        private static int[] ints(List<Integer> values) {
            int[] out = new int[values.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = values.get(i);
            }
            return out;
        }
    }

    /** Outbox rows for events that did not come from a push (state polling), in one transaction. */
    public void enqueue(List<PhoneEvent> events, String idNamespace) throws SQLException {
        List<OutboxEvent> rows = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            rows.add(PhoneEventRecords.outboxEvent(EventIds.nameUuid(idNamespace + "/" + i), events.get(i), Optional.empty()));
        }
        insert(rows);
    }

    /** One statement, one transaction; an event already waiting under its ce_id is not added twice. */
    private void insert(List<OutboxEvent> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(Outbox.INSERT_ARRAYS)) {
            c.setAutoCommit(true);
            Outbox.bindArrays(ps, 1, rows);
            ps.executeUpdate();
        }
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Events waiting in the outbox, counted exactly (for the admin API, on demand; the gauge reads statistics). */
    public long depth() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from telops_outbox where published_at is null")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Deletes raw pushes received before now minus the retention; returns how many. Outbox rows are the platform's:
     * deleted once the broker acknowledged them.
     */
    public int purge(Duration retention) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("delete from raw_push where received_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minus(retention)));
            return ps.executeUpdate();
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

    /**
     * Re-enqueues the events of a stored push under their original ce_ids (consumers de-duplicate); returns how many
     * are queued now (one still waiting from before is not added twice), in the caller's trace if it has one.
     */
    public int replay(List<PushEntry> entries) throws SQLException {
        List<OutboxEvent> rows = new ArrayList<>();
        // unknown/invalid elements were recorded when the push arrived: only events are re-enqueued
        for (PushEntry entry : entries) {
            if (entry instanceof PushEntry.Recognised r) {
                rows.add(PhoneEventRecords.outboxEvent(r.ceId(), r.event(), Optional.empty()));
            }
        }
        insert(rows);
        return rows.size();
    }

    /** Where a phone's last push said it was, and where that push came from. */
    private record PhoneAddress(String ip, String source) {
    }

    /**
     * A phone we have heard from: the PhoneIP its last push claimed, and the address that push came from (absent for
     * rows stored before the source was recorded).
     */
    public record KnownPhone(String mac, String ip, Optional<String> source) {
    }

    public List<KnownPhone> knownPhones() throws SQLException {
        List<KnownPhone> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select mac, ip, source_address from known_phone order by mac")) {
            while (rs.next()) {
                out.add(new KnownPhone(rs.getString(1), rs.getString(2), Optional.ofNullable(rs.getString(3))));
            }
        }
        return out;
    }

    private static String abbreviate(String element) {
        return element.length() <= 100 ? element : element.substring(0, 100);
    }
}
