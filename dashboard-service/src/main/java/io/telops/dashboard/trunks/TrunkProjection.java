package io.telops.dashboard.trunks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;
import io.telops.contracts.Topics;
import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkChanged;
import io.telops.contracts.vats.TrunkChanges;
import io.telops.contracts.vats.TrunkSnapshot;
import io.telops.contracts.vats.TrunkState;
import io.telops.contracts.vats.VatsEventTypes;
import io.telops.contracts.vats.VatsTrunkEvent;
import io.telops.dashboard.charts.BucketCounts;
import io.telops.dashboard.charts.Chart;
import io.telops.dashboard.domain.EventBodies;
import io.telops.dashboard.domain.SqlUpdate;
import io.telops.dashboard.domain.TypedProjection;
import io.telops.dashboard.events.CloudEvent;

/**
 * Keeps {@code trunk_view} and its history from {@code telops.vats-trunks}, inside the feed's transaction (exactly
 * once per ce_id), with plain JDBC on the transaction's connection.
 * <ul>
 * <li>A trunk-changed event always adds a history row; it changes the trunk's row only when it was observed no
 * earlier than the state shown, so a late event never rolls a trunk back.</li>
 * <li>A trunk-snapshot carries the full state of one trunk. Newer than the row, it replaces the state; if that differs
 * from the row, a change event was missed and a history row of origin {@code SNAPSHOT} records the difference.</li>
 * <li>The producer reports a vanished trunk with a DISAPPEARED change; a snapshot only lists present trunks and never
 * says one is gone, so a trunk absent from a complete snapshot is not marked disappeared here, only flagged.</li>
 * </ul>
 */
@ApplicationScoped
public class TrunkProjection implements TypedProjection<VatsTrunkEvent> {
    static final String SNAPSHOT_ORIGIN = "SNAPSHOT";
    private static final EventBodies<VatsTrunkEvent> BODIES = new EventBodies<>("trunks view", Topics.VATS_TRUNKS,
            VatsTrunkEvent.class, List.of(VatsEventTypes.TRUNK_CHANGED, VatsEventTypes.TRUNK_SNAPSHOT));
    private static final ObjectMapper JSON = EventJson.mapper();

    private static final String CURRENT = """
            select phone_number, display_name, activated, marked_for_deletion, binding_working, blocked, sip_device_on,
                   present, state_at, last_snapshot_at
            from trunk_view where trunk_id = ? for update""";
    private static final String UPSERT_STATE = """
            insert into trunk_view (trunk_id, enterprise_id, phone_number, display_name, activated, marked_for_deletion,
                                    binding_working, blocked, sip_device_on, present, state_at, first_seen_at, updated_at)
            values (:trunk, :enterprise, :number, :name, :activated, :marked, :binding, :blocked, :sip, :present, :at, :now, :now)
            on conflict (trunk_id) do update set enterprise_id = excluded.enterprise_id, phone_number = excluded.phone_number,
                display_name = excluded.display_name, activated = excluded.activated,
                marked_for_deletion = excluded.marked_for_deletion, binding_working = excluded.binding_working,
                blocked = excluded.blocked, sip_device_on = excluded.sip_device_on, present = excluded.present,
                state_at = excluded.state_at, updated_at = excluded.updated_at""";
    private static final String LAST_CHANGE = """
            update trunk_view set last_change_at = :at, last_changes = :changes, last_change_origin = :origin where trunk_id = :trunk""";
    private static final String GONE = """
            update trunk_view set present = false, state_at = :at, updated_at = :now where trunk_id = :trunk""";
    private static final String CONFIRMED = "update trunk_view set state_at = :at, updated_at = :now where trunk_id = :trunk";
    private static final String IN_SNAPSHOT = """
            update trunk_view set last_snapshot_id = :snapshot, last_snapshot_at = :at, updated_at = :now
            where trunk_id = :trunk and (last_snapshot_at is null or last_snapshot_at <= :at)""";
    private static final String HISTORY = """
            insert into trunk_change (id, trunk_id, observed_at, changes, origin, actor, run_id, previous_state, current_state,
                                      applied, received_at)
            values (:id, :trunk, :at, :changes, :origin, :actor, :run, :previous, :current, :applied, :now)
            on conflict (id) do nothing""";
    // the change event of an observation replaces what a snapshot of the same observation inferred
    private static final String DROP_INFERRED = "delete from trunk_change where trunk_id = :trunk and origin = 'SNAPSHOT' and observed_at = :at";
    private static final String SNAPSHOT_RUN = """
            insert into trunk_snapshot_run (snapshot_id, enterprise_id, snapshot_size, seen, observed_at, completed_at)
            values (:snapshot, :enterprise, :size, 1, :at, case when :size <= 1 then :now end)
            on conflict (snapshot_id) do update set seen = trunk_snapshot_run.seen + 1,
                completed_at = case when trunk_snapshot_run.seen + 1 >= trunk_snapshot_run.snapshot_size
                                    then coalesce(trunk_snapshot_run.completed_at, excluded.completed_at, :now)
                                    else trunk_snapshot_run.completed_at end""";

    private final DataSource dataSource;

    TrunkProjection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The state a row shows, and when it was observed. */
    private record Shown(TrunkState state, boolean present, Instant stateAt, Optional<Instant> lastSnapshotAt) {
    }

    @Override
    public EventBodies<VatsTrunkEvent> bodies() {
        return BODIES;
    }

    @Override
    public Optional<String> applyBody(CloudEvent event, VatsTrunkEvent body) {
        try (Connection connection = dataSource.getConnection()) {
            if (body instanceof TrunkChanged c && valid(c.trunkId(), c.enterpriseId(), c.observedAt())) {
                return changed(connection, event.id(), c) ? Optional.of(c.trunkId()) : Optional.empty();
            }
            if (body instanceof TrunkSnapshot s && valid(s.trunkId(), s.enterpriseId(), s.observedAt()) && s.state() != null
                    && s.snapshotId() != null) {
                snapshot(connection, event.id(), s);
                return Optional.of(s.trunkId());
            }
            return BODIES.skipped(event, "a required field is missing");
        } catch (IllegalArgumentException | NullPointerException e) {
            // the feed keeps the raw event; the view skips what it cannot read rather than block the partition
            return BODIES.skipped(event, String.valueOf(e.getMessage()));
        } catch (SQLException e) {
            throw new IllegalStateException("trunks view: " + e.getMessage(), e);
        }
    }

    private static boolean valid(String trunkId, String enterpriseId, Instant at) {
        return trunkId != null && !trunkId.isBlank() && trunkId.length() <= 40 && enterpriseId != null && enterpriseId.length() <= 40
                && at != null;
    }

    private boolean changed(Connection connection, String eventId, TrunkChanged c) throws SQLException {
        Optional<Shown> shown = current(connection, c.trunkId());
        Instant now = Instant.now();
        Instant at = c.observedAt();
        boolean newer = shown.map(s -> !at.isBefore(s.stateAt())).orElse(true);
        if (shown.isEmpty() && c.current().isEmpty() && c.previous().isEmpty()) {
            return false;
        }
        if (newer) {
            if (c.current().isPresent()) {
                upsert(connection, c.trunkId(), c.enterpriseId(), c.current().get(), true, at, now);
            } else if (shown.isPresent()) {
                new SqlUpdate(GONE).set("at", at).set("now", now).set("trunk", c.trunkId()).run(connection);
            } else {
                upsert(connection, c.trunkId(), c.enterpriseId(), c.previous().get(), false, at, now);
            }
            lastChange(connection, c.trunkId(), at, c.changes(), c.origin() == null ? "SYNC" : c.origin().name());
            new SqlUpdate(DROP_INFERRED).set("trunk", c.trunkId()).set("at", at).run(connection);
        }
        history(connection, eventId, c.trunkId(), at, c.changes(), c.origin() == null ? "SYNC" : c.origin().name(), c.actor(),
                Optional.ofNullable(c.runId()), c.previous(), c.current(), newer, now);
        // one per change event (once per ce_id: the feed's claim), by the day it was observed; snapshot-inferred
        // rows are left out, a change event of the same observation replaces them
        new BucketCounts().add(Chart.TRUNK_CHANGES, (c.origin() == null ? "SYNC" : c.origin().name()).toLowerCase(Locale.ROOT),
                0, at, 1).write(connection);
        return true;
    }

    private void snapshot(Connection connection, String eventId, TrunkSnapshot s) throws SQLException {
        Instant now = Instant.now();
        Instant at = s.observedAt();
        new SqlUpdate(SNAPSHOT_RUN).set("snapshot", clip(s.snapshotId(), 64)).set("enterprise", s.enterpriseId())
                .set("size", s.snapshotSize()).set("at", at).set("now", now).run(connection);
        Optional<Shown> shown = current(connection, s.trunkId());
        if (shown.isEmpty()) {
            upsert(connection, s.trunkId(), s.enterpriseId(), s.state(), true, at, now);
        } else if (!at.isBefore(shown.get().stateAt())) {
            Shown before = shown.get();
            List<TrunkChange> missed = TrunkChanges.between(before.present() ? Optional.of(before.state()) : Optional.empty(),
                    Optional.of(s.state()));
            if (missed.isEmpty()) {
                new SqlUpdate(CONFIRMED).set("at", at).set("now", now).set("trunk", s.trunkId()).run(connection);
            } else {
                upsert(connection, s.trunkId(), s.enterpriseId(), s.state(), true, at, now);
                lastChange(connection, s.trunkId(), at, missed, SNAPSHOT_ORIGIN);
                history(connection, eventId, s.trunkId(), at, missed, SNAPSHOT_ORIGIN, Optional.empty(), Optional.of(s.snapshotId()),
                        before.present() ? Optional.of(before.state()) : Optional.empty(), Optional.of(s.state()), true, now);
            }
        }
        new SqlUpdate(IN_SNAPSHOT).set("snapshot", clip(s.snapshotId(), 64)).set("at", at).set("now", now)
                .set("trunk", s.trunkId()).run(connection);
    }

    private static Optional<Shown> current(Connection connection, String trunkId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(CURRENT)) {
            ps.setString(1, trunkId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                TrunkState state = new TrunkState(rs.getString("phone_number"), Optional.ofNullable(rs.getString("display_name")),
                        rs.getBoolean("activated"), rs.getBoolean("marked_for_deletion"), rs.getBoolean("binding_working"),
                        rs.getBoolean("blocked"), rs.getBoolean("sip_device_on"));
                return Optional.of(new Shown(state, rs.getBoolean("present"),
                        rs.getObject("state_at", OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(rs.getObject("last_snapshot_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant)));
            }
        }
    }

    private static void upsert(Connection connection, String trunkId, String enterpriseId, TrunkState state, boolean present,
                               Instant at, Instant now) throws SQLException {
        new SqlUpdate(UPSERT_STATE).set("trunk", trunkId).set("enterprise", enterpriseId)
                .set("number", clip(state.phoneNumber() == null ? "" : state.phoneNumber(), 40))
                .set("name", state.displayName() == null ? null : state.displayName().map(n -> clip(n, 300)).orElse(null))
                .set("activated", state.activated()).set("marked", state.markedForDeletion())
                .set("binding", state.bindingWorking()).set("blocked", state.blocked()).set("sip", state.sipDeviceOn())
                .set("present", present).set("at", at).set("now", now).run(connection);
    }

    private static void lastChange(Connection connection, String trunkId, Instant at, List<TrunkChange> changes, String origin)
            throws SQLException {
        new SqlUpdate(LAST_CHANGE).set("at", at).set("changes", names(changes)).set("origin", origin).set("trunk", trunkId)
                .run(connection);
    }

    private static void history(Connection connection, String id, String trunkId, Instant at, List<TrunkChange> changes,
                                String origin, Optional<String> actor, Optional<String> runId, Optional<TrunkState> previous,
                                Optional<TrunkState> current, boolean applied, Instant now) throws SQLException {
        new SqlUpdate(HISTORY).set("id", id).set("trunk", trunkId).set("at", at).set("changes", names(changes))
                .set("origin", origin).set("actor", actor == null ? null : actor.map(a -> clip(a, 200)).orElse(null))
                .set("run", runId.map(r -> clip(r, 64)).orElse(null)).set("previous", json(previous))
                .set("current", json(current)).set("applied", applied).set("now", now).run(connection);
    }

    private static String json(Optional<TrunkState> state) {
        if (state == null || state.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(state.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String names(List<TrunkChange> changes) {
        return clip(changes == null ? "" : changes.stream().map(Enum::name).collect(Collectors.joining(",")), 400);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
