package io.telops.dashboard.events;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import io.telops.events.ProcessedEventLedger;

/**
 * The idempotent-consumer ledger in {@code processed_event}, {@code platform/events}' {@link ProcessedEventLedger}
 * on the read model's connection: ce_ids are inserted first, inside the caller's transaction, and only the ids that
 * were not there before come back. A rolled-back transaction releases its claims with it.
 */
@ApplicationScoped
public class ProcessedEvents {
    private static final ProcessedEventLedger LEDGER = new ProcessedEventLedger("processed_event");

    /**
     * The claim as one SQL statement with four parameters ({@link #bind}) returning the new ids ({@link #claimed}),
     * for a caller that sends it in one round trip with its own statements.
     */
    public static final String CLAIM = LEDGER.claimSql();

    private final EntityManager entityManager;

    ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** One event to remember, with what was (or is about to be) done with it. */
    public record Claim(String eventId, String eventType, EventOutcome outcome) {
        ProcessedEventLedger.Claim toLedger() {
            return new ProcessedEventLedger.Claim(eventId, eventType, outcome.label());
        }
    }

    /** Inserts the claims and returns the ce_ids that were new; the others are duplicates. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> claim(String topic, List<Claim> claims) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> LEDGER.claim(connection, topic, ledger(claims)));
    }

    /** Sets the four parameters of {@link #CLAIM} from {@code first} on; returns the next parameter index. */
    public static int bind(Connection connection, PreparedStatement statement, int first, String topic, List<Claim> claims)
            throws SQLException {
        return ProcessedEventLedger.bind(connection, statement, first, topic, ledger(claims));
    }

    /** The ids the claim returned: those not claimed before. */
    public static Set<String> claimed(ResultSet rows) throws SQLException {
        return ProcessedEventLedger.claimed(rows);
    }

    private static List<ProcessedEventLedger.Claim> ledger(List<Claim> claims) {
        return claims.stream().map(Claim::toLedger).toList();
    }
}
