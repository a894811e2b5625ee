package io.telops.dashboard.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

/**
 * The idempotent-consumer ledger: ce_ids are inserted first, inside the caller's transaction, and only the
 * ids that were not there before come back. A rolled-back transaction releases its claims with it.
 */
@ApplicationScoped
public class ProcessedEvents {
    /**
     * The claim as one SQL statement with four parameters ({@link #bind}) returning the new ids ({@link #claimed}),
     * for a caller that sends it in one round trip with its own statements.
     */
    public static final String CLAIM = """
            insert into processed_event (event_id, topic, event_type, outcome)
            select e.id, ?, e.type, e.outcome from unnest(?::varchar[], ?::varchar[], ?::varchar[]) as e(id, type, outcome)
            on conflict (event_id) do nothing
            returning event_id""";

    private final EntityManager entityManager;

    ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One event to remember, with what was (or is about to be) done with it. */
    public record Claim(String eventId, String eventType, EventOutcome outcome) {
    }

    /** Inserts the claims and returns the ce_ids that were new; the others are duplicates. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> claim(String topic, List<Claim> claims) {
        if (claims.isEmpty()) {
            return Set.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
                bind(connection, statement, 1, topic, claims);
                try (ResultSet rows = statement.executeQuery()) {
                    return claimed(rows);
                }
            }
        });
    }

    /** Sets the four parameters of {@link #CLAIM} from {@code first} on; returns the next parameter index. */
    public static int bind(Connection connection, PreparedStatement statement, int first, String topic, List<Claim> claims)
            throws SQLException {
        statement.setString(first, topic);
        statement.setArray(first + 1, connection.createArrayOf("varchar", claims.stream().map(Claim::eventId).toArray()));
        statement.setArray(first + 2, connection.createArrayOf("varchar", claims.stream().map(Claim::eventType).toArray()));
        statement.setArray(first + 3, connection.createArrayOf("varchar", claims.stream().map(c -> c.outcome().label()).toArray()));
        return first + 4;
    }

    /** The ids the claim returned: those not claimed before. */
    public static Set<String> claimed(ResultSet rows) throws SQLException {
        Set<String> fresh = new HashSet<>();
        while (rows.next()) {
            fresh.add(rows.getString(1));
        }
        return fresh;
    }
}
