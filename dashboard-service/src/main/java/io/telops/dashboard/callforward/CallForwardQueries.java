package io.telops.dashboard.callforward;

import static io.telops.dashboard.domain.NativeRows.instant;
import static io.telops.dashboard.domain.NativeRows.optionalInstant;
import static io.telops.dashboard.domain.NativeRows.text;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;

import io.telops.dashboard.domain.NativeRows;
import io.telops.dashboard.phone.Page;

/** Reads the call-forward view for the API and the pages. */
@ApplicationScoped
@Transactional
public class CallForwardQueries {
    private static final String VOICEMAIL_COLUMNS = """
            v.recording_id, v.call_uuid, v.line_id, v.caller, v.duration_seconds, v.record_url, v.recorded_at,
            v.sms_status, v.sms_to, v.sms_attempts, v.sms_reason, d.status as delivery_status, d.error_code as delivery_error,
            l.name as line_name
            from cf_voicemail v left join cf_sms_delivery d on d.sms_id = v.sms_id left join cf_line l on l.line_id = v.line_id""";

    private final NativeRows rows;

    CallForwardQueries(EntityManager entityManager) {
        this.rows = new NativeRows(entityManager);
    }

    public Page<LineView> lines(int page, int size) {
        return rows.page("select count(*) from cf_line", """
                select l.*, c.call_uuid as last_call_uuid, c.from_number as last_from, c.started_at as last_at, c.outcome as last_outcome
                from cf_line l left join lateral (
                    select call_uuid, from_number, started_at, outcome from cf_call where line_id = l.line_id
                    order by started_at desc, call_uuid limit 1) c on true
                order by coalesce(c.started_at, l.first_seen_at) desc, l.line_id limit :limit offset :offset""",
                Map.of(), page, size, this::lineViews);
    }

    public Optional<LineView> line(String lineId) {
        List<Tuple> found = rows.list("""
                select l.*, c.call_uuid as last_call_uuid, c.from_number as last_from, c.started_at as last_at, c.outcome as last_outcome
                from cf_line l left join lateral (
                    select call_uuid, from_number, started_at, outcome from cf_call where line_id = l.line_id
                    order by started_at desc, call_uuid limit 1) c on true
                where l.line_id = :line""", Map.of("line", lineId));
        return lineViews(found).stream().findFirst();
    }

    /** Calls of one line, or of all lines, newest first. */
    public Page<CallView> calls(Optional<String> lineId, int page, int size) {
        return calls(lineId, Optional.empty(), page, size);
    }

    /** Calls, newest first, of one line or of all, optionally only those of one outcome. */
    public Page<CallView> calls(Optional<String> lineId, Optional<CallOutcome> outcome, int page, int size) {
        String where = " where true" + (lineId.isPresent() ? " and c.line_id = :line" : "")
                + outcome.map(o -> " and " + o.sql()).orElse("");
        Map<String, Object> params = new LinkedHashMap<>();
        lineId.ifPresent(l -> params.put("line", l));
        return rows.page("select count(*) from cf_call c" + where,
                "select c.*, l.name as line_name from cf_call c left join cf_line l on l.line_id = c.line_id"
                        + where + " order by c.started_at desc, c.call_uuid limit :limit offset :offset",
                params, page, size, this::callViews);
    }

    public Optional<CallView> call(String callUuid) {
        return callViews(rows.list("select c.*, l.name as line_name from cf_call c left join cf_line l on l.line_id = c.line_id"
                + " where c.call_uuid = :call", Map.of("call", callUuid))).stream().findFirst();
    }

    /** Voicemails (those whose recording is known), newest first, of one line or of all. */
    public Page<VoicemailView> voicemails(Optional<String> lineId, int page, int size) {
        String where = " where v.record_url is not null" + (lineId.isPresent() ? " and v.line_id = :line" : "");
        Map<String, Object> params = new LinkedHashMap<>();
        lineId.ifPresent(l -> params.put("line", l));
        return rows.page("select count(*) from cf_voicemail v" + where,
                "select " + VOICEMAIL_COLUMNS + where + " order by v.recorded_at desc, v.recording_id limit :limit offset :offset",
                params, page, size, r -> r.stream().map(CallForwardQueries::voicemail).toList());
    }

    private List<LineView> lineViews(List<Tuple> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> ids = lines.stream().map(r -> r.get("line_id", String.class)).toList();
        Map<String, List<NumberView>> numbers = rows.grouped(
                "select * from cf_line_number where line_id in (:ids) order by purpose, rented_at nulls last, number", ids, "line_id",
                n -> new NumberView(n.get("number", String.class), n.get("purpose", String.class), n.get("status", String.class),
                        optionalInstant(n.get("rented_at")), optionalInstant(n.get("released_at")), text(n, "release_reason")));
        return lines.stream().map(r -> {
            String id = r.get("line_id", String.class);
            Optional<LastCall> last = text(r, "last_call_uuid").map(call -> new LastCall(call, text(r, "last_from"),
                    instant(r.get("last_at")), text(r, "last_outcome")));
            return new LineView(id, text(r, "name"), text(r, "owner"), text(r, "status").orElse(LineView.UNKNOWN),
                    numbers.getOrDefault(id, List.of()), text(r, "sip_endpoint"), text(r, "mobile"), text(r, "ring_strategy"),
                    Optional.ofNullable((Boolean) r.get("voicemail_enabled")),
                    Optional.ofNullable(r.get("version")).map(v -> ((Number) v).longValue()), last);
        }).toList();
    }

    private List<CallView> callViews(List<Tuple> calls) {
        if (calls.isEmpty()) {
            return List.of();
        }
        List<String> ids = calls.stream().map(r -> r.get("call_uuid", String.class)).toList();
        Map<String, List<LegView>> legs = rows.grouped("""
                select * from cf_call_leg where call_uuid in (:ids)
                order by call_uuid, path_index nulls last, occurred_at nulls last, leg""", ids, "call_uuid",
                l -> new LegView(l.get("leg", String.class), text(l, "targets"), l.get("dial_status", String.class),
                        text(l, "hangup_cause"), text(l, "next_step"), optionalInstant(l.get("occurred_at"))));
        Map<String, VoicemailView> voicemails = new LinkedHashMap<>();
        for (Tuple v : rows.list("select " + VOICEMAIL_COLUMNS + " where v.record_url is not null and v.call_uuid in (:ids)"
                + " order by v.recorded_at", Map.of("ids", ids))) {
            voicemails.putIfAbsent(v.get("call_uuid", String.class), voicemail(v));
        }
        return calls.stream().map(r -> {
            String id = r.get("call_uuid", String.class);
            return CallView.of(id, text(r, "line_id"), text(r, "line_name"), text(r, "from_number"), text(r, "to_number"), text(r, "route"),
                    instant(r.get("started_at")), optionalInstant(r.get("received_at")), legs.getOrDefault(id, List.of()),
                    Optional.ofNullable(voicemails.get(id)), text(r, "outcome"), text(r, "hangup_cause"),
                    Optional.ofNullable(r.get("duration_seconds")).map(d -> ((Number) d).intValue()),
                    optionalInstant(r.get("completed_at")));
        }).toList();
    }

    private static VoicemailView voicemail(Tuple v) {
        return new VoicemailView(v.get("recording_id", String.class), v.get("call_uuid", String.class),
                v.get("line_id", String.class), text(v, "line_name"), text(v, "caller").orElse(""),
                Optional.ofNullable(v.get("duration_seconds")).map(d -> ((Number) d).intValue()).orElse(0),
                v.get("record_url", String.class), instant(v.get("recorded_at")), v.get("sms_status", String.class),
                text(v, "sms_to"), Optional.ofNullable(v.get("sms_attempts")).map(a -> ((Number) a).intValue()),
                text(v, "sms_reason"), text(v, "delivery_status"), text(v, "delivery_error"));
    }





}
