package io.telops.dashboard.charts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import io.telops.dashboard.callforward.CallOutcome;
import io.telops.dashboard.domain.SqlUpdate;

/**
 * Keeps a completed call counted once in the calls chart, under the outcome the overview gives it (one
 * {@link CallOutcome} condition each) and the hour it started. Events of a call arrive in any order, so after each
 * one the call's outcome and hour are read again; when they differ from what it is counted under, it moves from the
 * old bucket to the new one. A call not completed yet is not counted.
 */
public final class CallOutcomeBuckets {
    private static final String CURRENT = Arrays.stream(CallOutcome.values())
            .filter(o -> o != CallOutcome.IN_PROGRESS)
            .map(o -> "when " + o.sql() + " then '" + o.label() + "'")
            .collect(Collectors.joining(" ", "select case ", " end, c.started_at, c.charted_outcome, c.charted_hour "
                    + "from cf_call c where c.call_uuid = ?"));

    private CallOutcomeBuckets() {
    }

    /** Re-counts one call, inside the transaction that applied its latest event. */
    public static void recount(EntityManager entityManager, String callUuid) {
        entityManager.unwrap(Session.class).doWork(connection -> {
            String outcome;
            Instant hour;
            String chartedOutcome;
            Instant chartedHour;
            try (PreparedStatement statement = connection.prepareStatement(CURRENT)) {
                statement.setString(1, callUuid);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return;
                    }
                    outcome = row.getString(1);
                    OffsetDateTime started = row.getObject(2, OffsetDateTime.class);
                    hour = outcome == null || started == null ? null : Chart.CALLS.bucketOf(started.toInstant());
                    chartedOutcome = row.getString(3);
                    OffsetDateTime charted = row.getObject(4, OffsetDateTime.class);
                    chartedHour = charted == null ? null : charted.toInstant();
                }
            }
            if (hour == null) {
                outcome = null;
            }
            if (Objects.equals(outcome, chartedOutcome) && Objects.equals(hour, chartedHour)) {
                return;
            }
            BucketCounts counts = new BucketCounts();
            if (chartedOutcome != null && chartedHour != null) {
                counts.add(Chart.CALLS, chartedOutcome, 0, chartedHour, -1);
            }
            if (outcome != null) {
                counts.add(Chart.CALLS, outcome, 0, hour, 1);
            }
            counts.write(connection);
            new SqlUpdate("update cf_call set charted_outcome = :outcome, charted_hour = :hour where call_uuid = :call")
                    .set("outcome", outcome).set("hour", hour).set("call", callUuid).run(entityManager);
        });
    }
}
