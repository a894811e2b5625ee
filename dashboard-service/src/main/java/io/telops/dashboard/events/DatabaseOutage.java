package io.telops.dashboard.events;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;

/**
 * A failure that says the database cannot be reached, as opposed to a row it refuses. A consumer keeps such a batch
 * and waits for the database: counting the outage as an event's failed attempt would set good events aside, and
 * failing the channel would stop it for good (a failed SmallRye channel never resumes; only a restart would).
 */
final class DatabaseOutage {
    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    private static final long FIRST_PAUSE_MS = 200;
    private static final long LONGEST_PAUSE_MS = 5_000;

    private DatabaseOutage() {
    }

    /** Connection failures by type, by SQLState (08 connection, 57P operator intervention, 53300 too many clients), or the pool's acquisition timeout. */
    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JDBCConnectionException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException || t instanceof ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
                    return true;
                }
                if (state == null && sql.getMessage() != null && sql.getMessage().contains("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Runs {@code work} until it ends without a database outage, pausing between tries (200 ms doubling to 5 s); any
     * other failure propagates at once. Nothing is committed meanwhile, and SmallRye pauses the partitions while this
     * thread waits, so the records stay where they are; the projections' ce_id claims make a retried batch safe.
     */
    static <T> T waitOut(String what, Supplier<T> work) {
        long pause = FIRST_PAUSE_MS;
        while (true) {
            try {
                return work.get();
            } catch (RuntimeException failure) {
                if (!is(failure)) {
                    throw failure;
                }
                LOG.warnf("%s: the database is unreachable (%s); the batch is kept and tried again in %d ms", what,
                        failure.getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
                pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
            }
        }
    }
}
