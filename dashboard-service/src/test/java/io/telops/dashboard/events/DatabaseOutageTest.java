package io.telops.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/** A database outage keeps the batch and waits; a refused row is the projection's to handle. */
class DatabaseOutageTest {

    @Test
    void connectionFailuresAreOutagesAndRefusedRowsAreNot() {
        assertThat(DatabaseOutage.is(new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLException("x")))).isTrue();
        assertThat(DatabaseOutage.is(new IllegalStateException(
                new PSQLException("Connection to 127.0.0.1:5432 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)))).isTrue();
        assertThat(DatabaseOutage.is(new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseOutage.is(new RuntimeException(new SQLException("Acquisition timeout while waiting for new connection")))).isTrue();

        assertThat(DatabaseOutage.is(new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"), "phone_log_pkey"))).isFalse();
        assertThat(DatabaseOutage.is(new IllegalArgumentException("bad payload"))).isFalse();
    }

    @Test
    void theWorkIsTriedAgainUntilTheDatabaseAnswers() {
        AtomicInteger tries = new AtomicInteger();
        String result = DatabaseOutage.waitOut("test", () -> {
            if (tries.incrementAndGet() < 3) {
                throw new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLException("refused", "08001"));
            }
            return "applied";
        });
        assertThat(result).isEqualTo("applied");
        assertThat(tries).hasValue(3);
    }

    @Test
    void anyOtherFailurePropagatesAtOnce() {
        AtomicInteger tries = new AtomicInteger();
        assertThatThrownBy(() -> DatabaseOutage.waitOut("test", () -> {
            tries.incrementAndGet();
            throw new IllegalStateException("a bug, not an outage");
        })).hasMessage("a bug, not an outage");
        assertThat(tries).hasValue(1);
    }
}
