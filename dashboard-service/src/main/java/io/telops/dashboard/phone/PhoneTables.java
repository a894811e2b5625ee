package io.telops.dashboard.phone;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.telops.dashboard.charts.BucketCounts;
import io.telops.dashboard.events.ProcessedEvents;

/**
 * The phone read model's tables as one batch sees them, through plain JDBC on the transaction's connection:
 * one query per table to read what the batch touches, one multi-row statement per table to write it back.
 * Values travel as parallel arrays that {@code unnest} turns into rows, and the statements of each step go to
 * the server together (one round trip to claim and read, one to write), so a batch costs three round trips with
 * its commit whatever it holds, and no ORM session holds (and dirty-checks) its entities.
 */
final class PhoneTables {
    private static final String PHONE_COLUMNS = "mac, ip, model, state, registration, off_hook, locked, lines, users, "
            + "first_heard_at, last_heard_at, updated_at, event_count, off_hook_at, locked_at";
    // bpchar[]: compared as char(12) the primary key and phone_call_open_idx serve the lookups
    private static final String SELECT_PHONES = "select " + PHONE_COLUMNS + " from phone where mac = any(?::bpchar[])";
    private static final String UPSERT_PHONES = """
            insert into phone (mac, ip, model, state, registration, off_hook, locked, lines, users,
                               first_heard_at, last_heard_at, updated_at, event_count, off_hook_at, locked_at)
            select u.mac, u.ip, u.model, u.state, u.registration, u.off_hook::boolean, u.locked::boolean,
                   u.lines::text[], u.users::text[], u.first_heard_at::timestamptz, u.last_heard_at::timestamptz,
                   u.updated_at::timestamptz, u.event_count::bigint, u.off_hook_at::timestamptz,
                   u.locked_at::timestamptz
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as u(mac, ip, model, state, registration, off_hook, locked, lines, users,
                      first_heard_at, last_heard_at, updated_at, event_count, off_hook_at, locked_at)
            on conflict (mac) do update set ip = excluded.ip, model = excluded.model, state = excluded.state,
                registration = excluded.registration, off_hook = excluded.off_hook, locked = excluded.locked,
                lines = excluded.lines, users = excluded.users, last_heard_at = excluded.last_heard_at,
                updated_at = excluded.updated_at, event_count = excluded.event_count,
                off_hook_at = excluded.off_hook_at, locked_at = excluded.locked_at""";

    // a phone read by this batch's first round trip is updated in place: no speculative insert, no row-lock WAL
    // record before the (HOT) update, as INSERT ... ON CONFLICT DO UPDATE costs; only new phones take the upsert
    private static final String UPDATE_PHONES = """
            update phone p set ip = u.ip, model = u.model, state = u.state, registration = u.registration,
                off_hook = u.off_hook::boolean, locked = u.locked::boolean, lines = u.lines::text[],
                users = u.users::text[], last_heard_at = u.last_heard_at::timestamptz,
                updated_at = u.updated_at::timestamptz, event_count = u.event_count::bigint,
                off_hook_at = u.off_hook_at::timestamptz, locked_at = u.locked_at::timestamptz
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as u(mac, ip, model, state, registration, off_hook, locked, lines, users,
                      first_heard_at, last_heard_at, updated_at, event_count, off_hook_at, locked_at)
            where p.mac = u.mac::bpchar""";

    private static final String CALL_COLUMNS = "mac, call_reference, line_number, line_dir_number, call_type, "
            + "calling_name, calling_number, called_name, called_number, last_state, started_at, connected_at, "
            + "ended_at, duration_seconds, reported_duration_seconds, state_at, heard_at, end_reason";
    private static final String SELECT_OPEN_CALLS = "select id, " + CALL_COLUMNS
            + " from phone_call where mac = any(?::bpchar[]) and ended_at is null";
    // the calls a registration ended at the very instant of a state the batch brings (the rest of a state poll)
    private static final String SELECT_NOT_REPORTED = "select id, " + CALL_COLUMNS
            + " from phone_call where end_reason = 'not-reported' and (mac, call_reference, ended_at) in ("
            + "select u.mac::bpchar, u.ref, u.at::timestamptz from unnest(?::text[], ?::text[], ?::text[]) as u(mac, ref, at))";
    private static final String CALL_VALUES = """
            u.mac, u.call_reference, u.line_number::integer, u.line_dir_number, u.call_type, u.calling_name,
            u.calling_number, u.called_name, u.called_number, u.last_state, u.started_at::timestamptz,
            u.connected_at::timestamptz, u.ended_at::timestamptz, u.duration_seconds::bigint,
            u.reported_duration_seconds::integer, u.state_at::timestamptz, u.heard_at::timestamptz, u.end_reason""";
    private static final String CALL_ROWS = """
            unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                   ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                   ?::text[])
            as u(id, mac, call_reference, line_number, line_dir_number, call_type, calling_name, calling_number,
                 called_name, called_number, last_state, started_at, connected_at, ended_at, duration_seconds,
                 reported_duration_seconds, state_at, heard_at, end_reason)""";
    // id from the column default (phone_call_seq, V10)
    private static final String INSERT_CALLS = "insert into phone_call (" + CALL_COLUMNS + ") select " + CALL_VALUES
            + " from " + CALL_ROWS;
    private static final String UPDATE_CALLS = """
            update phone_call c set line_number = u.line_number::integer, line_dir_number = u.line_dir_number,
                call_type = u.call_type, calling_name = u.calling_name, calling_number = u.calling_number,
                called_name = u.called_name, called_number = u.called_number, last_state = u.last_state,
                connected_at = u.connected_at::timestamptz, ended_at = u.ended_at::timestamptz,
                duration_seconds = u.duration_seconds::bigint,
                reported_duration_seconds = u.reported_duration_seconds::integer, state_at = u.state_at::timestamptz,
                heard_at = u.heard_at::timestamptz, end_reason = u.end_reason
            """ + " from " + CALL_ROWS + " where c.id = u.id::bigint";

    /*
     * The claim of the batch's phone events: their log rows, inserted unless the ce_id already has one (the unique
     * phone_log_event_id_key, V32) or was remembered in processed_event (malformed, set aside); the ids that come
     * back are the events to apply. id from the column default (phone_log_seq, V10); unnest keeps the batch's order,
     * so ids rise with it. A concurrent transaction inserting the same ce_id makes this one wait for its outcome.
     */
    static final String CLAIM_LOGS = """
            insert into phone_log (mac, event_id, event_type, occurred_at, utc_offset, summary, call_reference, body)
            select u.mac, u.event_id, u.event_type, u.occurred_at::timestamptz, u.utc_offset, u.summary,
                   u.call_reference, u.body
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                 as u(mac, event_id, event_type, occurred_at, utc_offset, summary, call_reference, body)
            where not exists (select 1 from processed_event p where p.event_id = u.event_id)
            on conflict (event_id) do nothing
            returning event_id""";

    private static final String INSERT_TERMS = """
            insert into phone_term (mac, kind, term)
            select * from unnest(?::varchar[], ?::varchar[], ?::varchar[])
            on conflict do nothing""";

    /** One row of a phone's history. */
    record LogRow(String mac, String eventId, String eventType, Instant occurredAt, String utcOffset, String summary,
                  String callReference, String body) {
    }

    private final Connection connection;

    PhoneTables(Connection connection) {
        this.connection = connection;
    }

    /**
     * What a batch's first round trip brings back: the ce_ids claimed now, the phones and their open calls, and the
     * calls a registration ended at the instant of a state of theirs in the batch ({@link InferredEnd#NOT_REPORTED}).
     */
    record Loaded(Set<String> fresh, List<Phone> phones, List<PhoneCall> openCalls, List<PhoneCall> notReported) {
    }

    /** A call state in the batch: which call, at which of the phone's instants. */
    record CallAt(String mac, String reference, Instant at) {
    }

    /**
     * Claims the batch's ce_ids (the other records' in processed_event first, then the phone events' as their log
     * rows) and reads the phones of {@code macs} with their open calls, three or four statements sent in one round
     * trip. The reads cover every MAC of the batch, also those of events that turn out to be copies; the caller
     * keeps only what it applies.
     */
    Loaded claimAndLoad(String topic, List<ProcessedEvents.Claim> claims, Collection<LogRow> logs,
                        Collection<String> macs, Collection<CallAt> states) throws SQLException {
        String sql = (claims.isEmpty() ? "" : ProcessedEvents.CLAIM + ";\n") + CLAIM_LOGS + ";\n" + SELECT_PHONES
                + ";\n" + SELECT_OPEN_CALLS + (states.isEmpty() ? "" : ";\n" + SELECT_NOT_REPORTED);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            if (!claims.isEmpty()) {
                i = ProcessedEvents.bind(connection, statement, i, topic, claims);
            }
            i = bindLogs(statement, i, logs);
            Array macArray = macArray(macs);
            statement.setArray(i++, macArray);
            statement.setArray(i++, macArray);
            if (!states.isEmpty()) {
                statement.setArray(i++, column(states, CallAt::mac));
                statement.setArray(i++, column(states, CallAt::reference));
                statement.setArray(i, column(states, s -> s.at().toString()));
            }
            Set<String> fresh = new java.util.HashSet<>();
            List<Phone> phones;
            List<PhoneCall> calls;
            nextResult(statement, statement.execute());
            if (!claims.isEmpty()) {
                try (ResultSet rows = statement.getResultSet()) {
                    fresh.addAll(ProcessedEvents.claimed(rows));
                }
                nextResult(statement, statement.getMoreResults());
            }
            try (ResultSet rows = statement.getResultSet()) {
                fresh.addAll(ProcessedEvents.claimed(rows));
            }
            nextResult(statement, statement.getMoreResults());
            try (ResultSet rows = statement.getResultSet()) {
                phones = readPhones(rows);
            }
            nextResult(statement, statement.getMoreResults());
            try (ResultSet rows = statement.getResultSet()) {
                calls = readCalls(rows);
            }
            List<PhoneCall> notReported = List.of();
            if (!states.isEmpty()) {
                nextResult(statement, statement.getMoreResults());
                try (ResultSet rows = statement.getResultSet()) {
                    notReported = readCalls(rows);
                }
            }
            return new Loaded(fresh, phones, calls, notReported);
        }
    }

    private static void nextResult(PreparedStatement statement, boolean isResultSet) throws SQLException {
        if (!isResultSet) {
            throw new SQLException("expected a result set, got update count " + statement.getUpdateCount());
        }
    }

    private static List<Phone> readPhones(ResultSet rows) throws SQLException {
        List<Phone> found = new ArrayList<>();
        while (rows.next()) {
            Phone phone = new Phone();
            phone.mac = rows.getString("mac").strip();
            phone.ip = rows.getString("ip");
            phone.model = rows.getString("model");
            phone.state = PhoneState.valueOf(rows.getString("state"));
            phone.registration = PhoneState.Registration.valueOf(rows.getString("registration"));
            phone.offHook = rows.getBoolean("off_hook");
            phone.locked = rows.getBoolean("locked");
            phone.lines = strings(rows.getArray("lines"));
            phone.users = strings(rows.getArray("users"));
            phone.firstHeardAt = instant(rows, "first_heard_at");
            phone.lastHeardAt = instant(rows, "last_heard_at");
            phone.updatedAt = instant(rows, "updated_at");
            phone.eventCount = rows.getLong("event_count");
            phone.offHookAt = instant(rows, "off_hook_at");
            phone.lockedAt = instant(rows, "locked_at");
            found.add(phone);
        }
        return found;
    }

    private static List<PhoneCall> readCalls(ResultSet rows) throws SQLException {
        List<PhoneCall> found = new ArrayList<>();
        while (rows.next()) {
            PhoneCall call = new PhoneCall();
            call.id = rows.getLong("id");
            call.mac = rows.getString("mac").strip();
            call.callReference = rows.getString("call_reference");
            call.lineNumber = (Integer) rows.getObject("line_number");
            call.lineDirNumber = rows.getString("line_dir_number");
            call.callType = rows.getString("call_type");
            call.callingName = rows.getString("calling_name");
            call.callingNumber = rows.getString("calling_number");
            call.calledName = rows.getString("called_name");
            call.calledNumber = rows.getString("called_number");
            call.lastState = rows.getString("last_state");
            call.startedAt = instant(rows, "started_at");
            call.connectedAt = instant(rows, "connected_at");
            call.endedAt = instant(rows, "ended_at");
            Object duration = rows.getObject("duration_seconds");
            call.durationSeconds = duration == null ? null : ((Number) duration).longValue();
            call.reportedDurationSeconds = (Integer) rows.getObject("reported_duration_seconds");
            call.stateAt = instant(rows, "state_at");
            call.heardAt = instant(rows, "heard_at");
            call.endReason = rows.getString("end_reason");
            found.add(call);
        }
        return found;
    }

    /** Sets a statement's parameters from {@code first} on and returns the next index. */
    @FunctionalInterface
    private interface Binder {
        int bind(PreparedStatement statement, int first) throws SQLException;
    }

    /** One statement of a batch's write and the binder of its parameters. */
    private record Part(String sql, Binder binder) {
    }

    private static void part(List<Part> parts, boolean empty, String sql, Binder binder) {
        if (!empty) {
            parts.add(new Part(sql, binder));
        }
    }

    /**
     * Writes everything a batch changed in one round trip: the phones (new ones inserted, known ones overwritten
     * with the batch's final state), new and changed calls, new search terms (the log rows went with the claim).
     * Empty parts are left out.
     */
    void write(Collection<Phone> storedPhones, Collection<Phone> newPhones, Collection<PhoneCall> newCalls,
               Collection<PhoneCall> changedCalls, Collection<PhoneProjection.Term> terms, BucketCounts counts)
            throws SQLException {
        List<Part> parts = new ArrayList<>();
        part(parts, storedPhones.isEmpty(), UPDATE_PHONES, (statement, first) -> bindPhones(statement, first, storedPhones));
        part(parts, newPhones.isEmpty(), UPSERT_PHONES, (statement, first) -> bindPhones(statement, first, newPhones));
        part(parts, newCalls.isEmpty(), INSERT_CALLS, (statement, first) -> bindCalls(statement, first, newCalls));
        part(parts, changedCalls.isEmpty(), UPDATE_CALLS, (statement, first) -> bindCalls(statement, first, changedCalls));
        part(parts, terms.isEmpty(), INSERT_TERMS, (statement, first) -> bindTerms(statement, first, terms));
        part(parts, counts.isEmpty(), BucketCounts.ADD, (statement, first) -> counts.bind(connection, statement, first));
        if (parts.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                String.join(";\n", parts.stream().map(Part::sql).toList()))) {
            int next = 1;
            for (Part part : parts) {
                next = part.binder().bind(statement, next);
            }
            boolean isResultSet = statement.execute();
            // every statement's result is read, so an error of a later one surfaces here
            while (isResultSet || statement.getUpdateCount() != -1) {
                isResultSet = statement.getMoreResults();
            }
        }
    }

    private int bindPhones(PreparedStatement statement, int first, Collection<Phone> phones) throws SQLException {
        int i = first;
        statement.setArray(i++, column(phones, p -> p.mac));
        statement.setArray(i++, column(phones, p -> p.ip));
        statement.setArray(i++, column(phones, p -> p.model));
        statement.setArray(i++, column(phones, p -> p.state.name()));
        statement.setArray(i++, column(phones, p -> p.registration.name()));
        statement.setArray(i++, column(phones, p -> Boolean.toString(p.offHook)));
        statement.setArray(i++, column(phones, p -> Boolean.toString(p.locked)));
        statement.setArray(i++, column(phones, p -> arrayLiteral(p.lines)));
        statement.setArray(i++, column(phones, p -> arrayLiteral(p.users)));
        statement.setArray(i++, column(phones, p -> p.firstHeardAt.toString()));
        statement.setArray(i++, column(phones, p -> p.lastHeardAt.toString()));
        statement.setArray(i++, column(phones, p -> p.updatedAt.toString()));
        statement.setArray(i++, column(phones, p -> Long.toString(p.eventCount)));
        statement.setArray(i++, column(phones, p -> text(p.offHookAt)));
        statement.setArray(i++, column(phones, p -> text(p.lockedAt)));
        return i;
    }

    private int bindLogs(PreparedStatement statement, int first, Collection<LogRow> logs) throws SQLException {
        int i = first;
        statement.setArray(i++, column(logs, LogRow::mac));
        statement.setArray(i++, column(logs, LogRow::eventId));
        statement.setArray(i++, column(logs, LogRow::eventType));
        statement.setArray(i++, column(logs, l -> l.occurredAt().toString()));
        statement.setArray(i++, column(logs, LogRow::utcOffset));
        statement.setArray(i++, column(logs, LogRow::summary));
        statement.setArray(i++, column(logs, LogRow::callReference));
        statement.setArray(i++, column(logs, LogRow::body));
        return i;
    }

    private int bindTerms(PreparedStatement statement, int first, Collection<PhoneProjection.Term> terms) throws SQLException {
        int i = first;
        statement.setArray(i++, column(terms, PhoneProjection.Term::mac));
        statement.setArray(i++, column(terms, PhoneProjection.Term::kind));
        statement.setArray(i++, column(terms, PhoneProjection.Term::term));
        return i;
    }

    private int bindCalls(PreparedStatement statement, int first, Collection<PhoneCall> calls) throws SQLException {
        int i = first;
        statement.setArray(i++, column(calls, c -> c.id == null ? null : c.id.toString()));
        statement.setArray(i++, column(calls, c -> c.mac));
        statement.setArray(i++, column(calls, c -> c.callReference));
        statement.setArray(i++, column(calls, c -> text(c.lineNumber)));
        statement.setArray(i++, column(calls, c -> c.lineDirNumber));
        statement.setArray(i++, column(calls, c -> c.callType));
        statement.setArray(i++, column(calls, c -> c.callingName));
        statement.setArray(i++, column(calls, c -> c.callingNumber));
        statement.setArray(i++, column(calls, c -> c.calledName));
        statement.setArray(i++, column(calls, c -> c.calledNumber));
        statement.setArray(i++, column(calls, c -> c.lastState));
        statement.setArray(i++, column(calls, c -> text(c.startedAt)));
        statement.setArray(i++, column(calls, c -> text(c.connectedAt)));
        statement.setArray(i++, column(calls, c -> text(c.endedAt)));
        statement.setArray(i++, column(calls, c -> text(c.durationSeconds)));
        statement.setArray(i++, column(calls, c -> text(c.reportedDurationSeconds)));
        statement.setArray(i++, column(calls, c -> text(c.stateAt)));
        statement.setArray(i++, column(calls, c -> text(c.heardAt)));
        statement.setArray(i++, column(calls, c -> c.endReason));
        return i;
    }

    private <T> Array column(Collection<T> rows, Function<T, String> value) throws SQLException {
        Object[] values = new Object[rows.size()];
        int i = 0;
        for (T row : rows) {
            values[i++] = value.apply(row);
        }
        return connection.createArrayOf("text", values);
    }

    private Array macArray(Collection<String> macs) throws SQLException {
        return connection.createArrayOf("text", macs.toArray());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** A PostgreSQL array literal ({@code {"a","b"}}), cast back to text[] on the server. */
    static String arrayLiteral(String[] values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"').append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }

    private static String[] strings(Array array) throws SQLException {
        return array == null ? new String[0] : (String[]) array.getArray();
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
