package io.telops.dashboard.phone;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Ends the calls none of whose states was received for {@code max-call-age} (a lost Disconnected on a phone that
 * never restarted), and puts the phones still shown in a call without an open connected call back to what their
 * flags say.
 */
@ApplicationScoped
public class CallExpiry {
    private static final Logger LOG = Logger.getLogger(CallExpiry.class);
    // ended at its last known state, on the phone's clock like the rest of the row; the talk time is unknown
    private static final String EXPIRE = """
            update phone_call set ended_at = coalesce(state_at, connected_at, started_at), end_reason = 'expired',
                duration_seconds = null
            where ended_at is null and coalesce(heard_at, started_at) < ?
            returning mac""";
    // also repairs a phone that a batch wrote from calls it read just before an expiry committed
    private static final String RESTATE = """
            update phone p set state = case when p.off_hook then 'OFF_HOOK' else p.registration end
            where p.state = 'IN_CALL' and not exists (select 1 from phone_call c
                where c.mac = p.mac and c.ended_at is null and c.connected_at is not null)
            returning p.mac""";

    private final EntityManager entityManager;
    private final PhoneConfig config;

    CallExpiry(EntityManager entityManager, PhoneConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** Returns the MACs of the phones whose calls or status changed. */
    @Transactional
    public Set<String> expire() {
        Instant cutoff = Instant.now().minus(config.maxCallAge());
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            Set<String> changed = new LinkedHashSet<>();
            int expired;
            try (PreparedStatement statement = connection.prepareStatement(EXPIRE)) {
                statement.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                expired = macs(statement, changed);
            }
            try (PreparedStatement statement = connection.prepareStatement(RESTATE)) {
                macs(statement, changed);
            }
            if (expired > 0) {
                LOG.infof("ended %d calls with no state received for %s", expired, config.maxCallAge());
            }
            return changed;
        });
    }

    private static int macs(PreparedStatement statement, Set<String> into) throws SQLException {
        int rows = 0;
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                into.add(result.getString(1).strip());
                rows++;
            }
        }
        return rows;
    }
}
