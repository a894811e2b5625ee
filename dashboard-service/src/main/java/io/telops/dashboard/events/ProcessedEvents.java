package io.telops.dashboard.events;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
    private static final String CLAIM = """
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
            Set<String> fresh = new HashSet<>();
            try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
                Array ids = connection.createArrayOf("varchar", claims.stream().map(Claim::eventId).toArray());
                Array types = connection.createArrayOf("varchar", claims.stream().map(Claim::eventType).toArray());
                Array outcomes = connection.createArrayOf("varchar",
                        claims.stream().map(c -> c.outcome().label()).toArray());
                statement.setString(1, topic);
                statement.setArray(2, ids);
                statement.setArray(3, types);
                statement.setArray(4, outcomes);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        fresh.add(rows.getString(1));
                    }
                }
            }
            return fresh;
        });
    }
}
