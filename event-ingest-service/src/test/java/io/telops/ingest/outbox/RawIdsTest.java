package io.telops.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.PostgresServer;

/**
 * The Kafka path asks for raw ids on an HTTP event loop, so it must never wait for the database: it gets an id from a
 * block at hand or none at all, and a block is reserved ahead in the background before the current one runs out.
 */
@ExtendWith(InfrastructureExtension.class)
class RawIdsTest {
    static DataSource dataSource;

    @BeforeAll
    static void database(PostgresServer postgres) {
        dataSource = MigratedDatabase.create(postgres, "ingest_raw_ids");
    }

    @Test
    void idsAreUniqueAndTheNonBlockingCallerIsServedFromABlockReservedAhead() throws Exception {
        RawIds ids = new RawIds(dataSource);
        // nothing reserved yet: no id, but a reservation starts in the background
        assertThat(ids.tryNext()).isEmpty();
        OptionalLong first = awaitId(ids);
        assertThat(first).isPresent();

        Set<Long> seen = new HashSet<>();
        seen.add(first.getAsLong());
        int misses = 0;
        try (Connection c = dataSource.getConnection()) {
            // 5,000 ids over five blocks of 1,000 (V2), taken by both callers in turn
            for (int i = 0; i < 5_000; i++) {
                if (i % 10 == 0) {
                    Thread.sleep(1); // about a push every 0.1 ms: a block lasts ~100 ms, its reservation takes ~1 ms
                }
                if (i % 3 == 0) {
                    assertThat(seen.add(ids.next(c))).isTrue();
                } else {
                    OptionalLong id = ids.tryNext();
                    if (id.isEmpty()) {
                        misses++;
                        id = awaitId(ids);
                    }
                    assertThat(seen.add(id.getAsLong())).as("id %s handed out twice", id).isTrue();
                }
            }
        }
        assertThat(seen).hasSize(5_001);
        // the spare block is reserved when half of the current one is used, long before it runs out
        assertThat(misses).isZero();
    }

    @Test
    void aBlockReservedAheadServesTheFirstCallerWithoutARoundTrip() throws Exception {
        RawIds ids = new RawIds(dataSource);
        assertThat(ids.atHand()).isFalse();
        ids.reserveAhead();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!ids.atHand() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        OptionalLong first = ids.tryNext();
        assertThat(first).as("the very first call is served").isPresent();
        // a second reservation ahead while ids are at hand reserves nothing more: the next id is the block's next
        ids.reserveAhead();
        assertThat(ids.tryNext()).hasValue(first.getAsLong() + 1);
    }

    private static OptionalLong awaitId(RawIds ids) throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            OptionalLong id = ids.tryNext();
            if (id.isPresent()) {
                return id;
            }
            Thread.sleep(10);
        }
        return OptionalLong.empty();
    }
}
