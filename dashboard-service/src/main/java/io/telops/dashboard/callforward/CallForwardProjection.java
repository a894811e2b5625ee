package io.telops.dashboard.callforward;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;


import io.telops.contracts.Topics;
import io.telops.contracts.callforward.CallCompleted;
import io.telops.contracts.callforward.CallForwardEvent;
import io.telops.contracts.callforward.CallForwardEventTypes;
import io.telops.contracts.callforward.CallForwarded;
import io.telops.contracts.callforward.CallReceived;
import io.telops.contracts.callforward.DialLeg;
import io.telops.contracts.callforward.LineChanged;
import io.telops.contracts.callforward.NumberReleased;
import io.telops.contracts.callforward.NumberRented;
import io.telops.contracts.callforward.SmsFailed;
import io.telops.contracts.callforward.SmsSent;
import io.telops.contracts.callforward.SmsStatusReported;
import io.telops.contracts.callforward.VoicemailRecorded;
import io.telops.dashboard.charts.CallOutcomeBuckets;
import io.telops.dashboard.domain.EventBodies;
import io.telops.dashboard.domain.SqlUpdate;
import io.telops.dashboard.domain.TypedProjection;
import io.telops.dashboard.events.CloudEvent;

/**
 * Keeps the call-forward view (lines, their numbers, calls with their path, voicemails with their SMS) from
 * telops.call-events. Call events are keyed by CallUUID and line events by line id, so they reach this view on
 * different partitions in no fixed order: every write is an upsert that tolerates the other side being late,
 * line-changed applies only a newer version, and SMS and number states keep the latest by event time.
 * Runs inside the feed's transaction, once per ce_id.
 */
@ApplicationScoped
public class CallForwardProjection implements TypedProjection<CallForwardEvent> {
    private static final EventBodies<CallForwardEvent> BODIES =
            new EventBodies<>("call-forward view", Topics.CALL_EVENTS, CallForwardEvent.class, CallForwardEventTypes.ALL);

    // a rental and its release may arrive in either order: the one observed later sets the number's status
    private static final String LATEST_NUMBER_STATUS = """
                status = case when excluded.status_at >= cf_line_number.status_at then excluded.status else cf_line_number.status end,
                status_at = greatest(excluded.status_at, cf_line_number.status_at)""";

    private final EntityManager entityManager;

    CallForwardProjection(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public EventBodies<CallForwardEvent> bodies() {
        return BODIES;
    }

    @Override
    public Optional<String> applyBody(CloudEvent event, CallForwardEvent body) {
        Instant at = Optional.ofNullable(body.occurredAt()).or(event::time).orElseGet(Instant::now);
        try {
            String key = apply(body, at);
            chart(body);
            return Optional.of(key);
        } catch (MissingField e) {
            return BODIES.skipped(event, e.getMessage());
        }
    }

    /** The events that can change a call's outcome or start hour re-count it in the calls chart. */
    private void chart(CallForwardEvent body) {
        if (body instanceof CallReceived e) {
            CallOutcomeBuckets.recount(entityManager, e.callUuid());
        } else if (body instanceof CallForwarded e) {
            CallOutcomeBuckets.recount(entityManager, e.callUuid());
        } else if (body instanceof CallCompleted e) {
            CallOutcomeBuckets.recount(entityManager, e.callUuid());
        }
    }

    /** Applies one event; returns the key open pages follow: the line id, or the call id of a call without line. */
    private String apply(CallForwardEvent body, Instant at) {
        if (body instanceof CallReceived e) {
            String call = required("callUuid", e.callUuid());
            Optional<String> line = present(e.lineId());
            line.ifPresent(l -> ensureLine(l, at));
            update("""
                    insert into cf_call (call_uuid, line_id, from_number, to_number, route, received_at, started_at, updated_at)
                    values (:call, :line, :from, :to, :route, :at, :at, now())
                    on conflict (call_uuid) do update set line_id = coalesce(excluded.line_id, cf_call.line_id),
                        from_number = excluded.from_number, to_number = excluded.to_number, route = excluded.route,
                        received_at = excluded.received_at, started_at = excluded.received_at, updated_at = now()""")
                    .set("call", call).set("line", line.orElse(null))
                    .set("from", e.from()).set("to", e.to()).set("route", e.route())
                    .set("at", at).run(entityManager);
            return line.orElse(call);
        }
        if (body instanceof CallForwarded e) {
            String call = required("callUuid", e.callUuid());
            String line = required("lineId", e.lineId());
            touchCall(call, Optional.of(line), at);
            update("""
                    insert into cf_call_leg (call_uuid, leg, targets, dial_status, hangup_cause, b_leg_uuid, next_step, occurred_at)
                    values (:call, :leg, :targets, :status, :cause, :bleg, :next, :at)
                    on conflict (call_uuid, leg) do update set targets = excluded.targets, dial_status = excluded.dial_status,
                        hangup_cause = excluded.hangup_cause, b_leg_uuid = excluded.b_leg_uuid, next_step = excluded.next_step,
                        occurred_at = excluded.occurred_at""")
                    .set("call", call).set("leg", required("leg", e.leg()))
                    .set("targets", e.targets() == null ? null : String.join(", ", e.targets()))
                    .set("status", required("dialStatus", e.dialStatus()))
                    .set("cause", present(e.dialHangupCause()).orElse(null))
                    .set("bleg", present(e.bLegUuid()).orElse(null))
                    .set("next", e.next()).set("at", at).run(entityManager);
            return line;
        }
        if (body instanceof CallCompleted e) {
            String call = required("callUuid", e.callUuid());
            Optional<String> line = present(e.lineId());
            touchCall(call, line, at);
            update("""
                    update cf_call set outcome = :outcome, hangup_cause = :cause, duration_seconds = :duration,
                        completed_at = :at, updated_at = now() where call_uuid = :call""")
                    .set("outcome", e.outcome()).set("cause", present(e.hangupCause()).orElse(null))
                    .set("duration", e.durationSeconds()).set("at", at).set("call", call)
                    .run(entityManager);
            List<DialLeg> path = e.path() == null ? List.of() : e.path();
            for (int i = 0; i < path.size(); i++) {
                DialLeg leg = path.get(i);
                if (leg == null || leg.leg() == null || leg.dialStatus() == null) {
                    continue;
                }
                // the path fixes the order; a leg whose call-forwarded is still on its way is filled from it
                update("""
                        insert into cf_call_leg (call_uuid, leg, targets, dial_status, path_index)
                        values (:call, :leg, :targets, :status, :index)
                        on conflict (call_uuid, leg) do update set path_index = excluded.path_index,
                            targets = coalesce(cf_call_leg.targets, excluded.targets)""")
                        .set("call", call).set("leg", leg.leg())
                        .set("targets", present(leg.target()).orElse(null))
                        .set("status", leg.dialStatus()).set("index", i).run(entityManager);
            }
            return line.orElse(call);
        }
        if (body instanceof VoicemailRecorded e) {
            String call = required("callUuid", e.callUuid());
            String line = required("lineId", e.lineId());
            touchCall(call, Optional.of(line), at);
            update("""
                    insert into cf_voicemail (recording_id, call_uuid, line_id, caller, duration_seconds, record_url, recorded_at, updated_at)
                    values (:rec, :call, :line, :caller, :duration, :url, :at, now())
                    on conflict (recording_id) do update set call_uuid = excluded.call_uuid, line_id = excluded.line_id,
                        caller = excluded.caller, duration_seconds = excluded.duration_seconds, record_url = excluded.record_url,
                        recorded_at = excluded.recorded_at, updated_at = now()""")
                    .set("rec", required("recordingId", e.recordingId())).set("call", call)
                    .set("line", line).set("caller", e.caller() == null ? "" : e.caller())
                    .set("duration", e.durationSeconds()).set("url", required("recordUrl", e.recordUrl()))
                    .set("at", at).run(entityManager);
            return line;
        }
        if (body instanceof SmsSent e) {
            return sms(e.callUuid(), e.lineId(), e.recordingId(), e.smsId(), e.to(), "sent", e.attempts(), null, e.messageUuid(), at);
        }
        if (body instanceof SmsFailed e) {
            return sms(e.callUuid(), e.lineId(), e.recordingId(), e.smsId(), e.to(), "failed", e.attempts(), e.reason(), null, at);
        }
        if (body instanceof SmsStatusReported e) {
            String line = required("lineId", e.lineId());
            update("""
                    insert into cf_sms_delivery (sms_id, status, error_code, message_uuid, reported_at)
                    values (:sms, :status, :error, :message, :at)
                    on conflict (sms_id) do update set status = excluded.status, error_code = excluded.error_code,
                        message_uuid = excluded.message_uuid, reported_at = excluded.reported_at
                    where excluded.reported_at >= cf_sms_delivery.reported_at""")
                    .set("sms", required("smsId", e.smsId())).set("status", required("status", e.status()))
                    .set("error", present(e.errorCode()).orElse(null)).set("message", e.messageUuid())
                    .set("at", at).run(entityManager);
            return line;
        }
        if (body instanceof NumberRented e) {
            return number(e.lineId(), e.number(), e.purpose(), at, update("""
                    insert into cf_line_number (line_id, number, purpose, status, app_id, rented_at, status_at)
                    values (:line, :number, :purpose, 'rented', :app, :at, :at)
                    on conflict (line_id, number) do update set purpose = excluded.purpose, app_id = excluded.app_id,
                        rented_at = excluded.rented_at,
                    """ + LATEST_NUMBER_STATUS).set("app", e.appId()));
        }
        if (body instanceof NumberReleased e) {
            return number(e.lineId(), e.number(), e.purpose(), at, update("""
                    insert into cf_line_number (line_id, number, purpose, status, release_reason, released_at, status_at)
                    values (:line, :number, :purpose, 'released', :reason, :at, :at)
                    on conflict (line_id, number) do update set release_reason = excluded.release_reason,
                        released_at = excluded.released_at,
                    """ + LATEST_NUMBER_STATUS).set("reason", e.reason()));
        }
        if (body instanceof LineChanged e) {
            String line = required("lineId", e.lineId());
            int applied = update("""
                    insert into cf_line (line_id, name, owner, status, forward_number, voicemail_number, sip_endpoint, mobile,
                        ring_strategy, voicemail_enabled, version, changed_at, first_seen_at, updated_at)
                    values (:line, :name, :owner, :status, :forward, :voicemail, :sip, :mobile, :ring, :vm, :version, :at, :at, now())
                    on conflict (line_id) do update set name = excluded.name, owner = excluded.owner, status = excluded.status,
                        forward_number = excluded.forward_number, voicemail_number = excluded.voicemail_number,
                        sip_endpoint = excluded.sip_endpoint, mobile = excluded.mobile, ring_strategy = excluded.ring_strategy,
                        voicemail_enabled = excluded.voicemail_enabled, version = excluded.version,
                        changed_at = excluded.changed_at, updated_at = now()
                    where cf_line.version is null or excluded.version > cf_line.version""")
                    .set("line", line).set("name", e.name()).set("owner", e.owner())
                    .set("status", e.status() == null ? LineView.UNKNOWN : e.status())
                    .set("forward", present(e.forwardNumber()).orElse(null))
                    .set("voicemail", present(e.voicemailNumber()).orElse(null))
                    .set("sip", present(e.sipEndpoint()).orElse(null)).set("mobile", present(e.mobile()).orElse(null))
                    .set("ring", e.ringStrategy()).set("vm", e.voicemailEnabled())
                    .set("version", e.version()).set("at", at).run(entityManager);
            if (applied == 0) {
                return line;
            }
            if ("released".equals(e.status())) {
                // a released line holds no number, even one whose number-released this view has not seen
                update("""
                        update cf_line_number set status = 'released', released_at = coalesce(released_at, :at), status_at = :at
                        where line_id = :line and status = 'rented' and status_at <= :at""")
                        .set("at", at).set("line", line).run(entityManager);
            } else {
                // numbers the line holds but whose number-rented this view never saw (e.g. trimmed from the topic)
                present(e.forwardNumber()).ifPresent(n -> knownNumber(line, n, "forward", at));
                present(e.voicemailNumber()).ifPresent(n -> knownNumber(line, n, "voicemail", at));
            }
            return line;
        }
        throw new MissingField("no handler for " + body.getClass().getSimpleName());
    }

    private String sms(String callUuid, String lineId, String recordingId, String smsId, String to, String status,
                       int attempts, String reason, String messageUuid, Instant at) {
        String call = required("callUuid", callUuid);
        String line = required("lineId", lineId);
        touchCall(call, Optional.of(line), at);
        // the latest of sent/failed by event time wins; the recording columns stay for voicemail-recorded to fill
        update("""
                insert into cf_voicemail (recording_id, call_uuid, line_id, sms_id, sms_to, sms_status, sms_attempts, sms_reason,
                    sms_message_uuid, sms_at, updated_at)
                values (:rec, :call, :line, :sms, :to, :status, :attempts, :reason, :message, :at, now())
                on conflict (recording_id) do update set sms_id = excluded.sms_id, sms_to = excluded.sms_to,
                    sms_status = excluded.sms_status, sms_attempts = excluded.sms_attempts, sms_reason = excluded.sms_reason,
                    sms_message_uuid = coalesce(excluded.sms_message_uuid, cf_voicemail.sms_message_uuid),
                    sms_at = excluded.sms_at, updated_at = now()
                where cf_voicemail.sms_at is null or excluded.sms_at >= cf_voicemail.sms_at""")
                .set("rec", required("recordingId", recordingId)).set("call", call).set("line", line)
                .set("sms", smsId).set("to", to).set("status", status)
                .set("attempts", attempts).set("reason", reason).set("message", messageUuid)
                .set("at", at).run(entityManager);
        return line;
    }

    /** A call first heard of through a later event (its call-received is late) still gets a row and a start time. */
    private void touchCall(String call, Optional<String> line, Instant at) {
        line.ifPresent(l -> ensureLine(l, at));
        update("""
                insert into cf_call (call_uuid, line_id, started_at, updated_at) values (:call, :line, :at, now())
                on conflict (call_uuid) do update set line_id = coalesce(cf_call.line_id, excluded.line_id),
                    started_at = case when cf_call.received_at is null then least(cf_call.started_at, excluded.started_at)
                                      else cf_call.started_at end,
                    updated_at = now()""")
                .set("call", call).set("line", line.orElse(null)).set("at", at).run(entityManager);
    }

    /** A line named by a call or number before its line-changed arrived: listed with status unknown until then. */
    private void ensureLine(String line, Instant at) {
        update("""
                insert into cf_line (line_id, first_seen_at, updated_at) values (:line, :at, now())
                on conflict (line_id) do update set first_seen_at = least(cf_line.first_seen_at, excluded.first_seen_at)""")
                .set("line", line).set("at", at).run(entityManager);
    }

    /** A number-rented or number-released: {@code update} upserts the number's row, this fills what both share. */
    private String number(String lineId, String number, String purpose, Instant at, SqlUpdate update) {
        String line = required("lineId", lineId);
        ensureLine(line, at);
        update.set("line", line).set("number", required("number", number)).set("purpose", purpose == null ? "forward" : purpose)
                .set("at", at).run(entityManager);
        return line;
    }

    private void knownNumber(String line, String number, String purpose, Instant at) {
        update("""
                insert into cf_line_number (line_id, number, purpose, status, status_at)
                values (:line, :number, :purpose, 'rented', :at) on conflict (line_id, number) do nothing""")
                .set("line", line).set("number", number).set("purpose", purpose)
                .set("at", at).run(entityManager);
    }

    private static SqlUpdate update(String sql) {
        return new SqlUpdate(sql);
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new MissingField(field + " is missing");
        }
        return value;
    }

    @SuppressWarnings("OptionalUsedAsFieldOrParameterType")
    private static Optional<String> present(Optional<String> value) {
        return value == null ? Optional.empty() : value.filter(v -> !v.isBlank());
    }

    /** A required field of the contract is absent: the event is skipped, never the partition. */
    private static final class MissingField extends RuntimeException {
        MissingField(String message) {
            super(message, null, false, false);
        }
    }
}
