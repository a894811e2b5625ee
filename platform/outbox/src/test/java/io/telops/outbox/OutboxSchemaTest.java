package io.telops.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.telops.contracts.CloudEventHeaders;
import io.telops.testkit.InfrastructureExtension;
import io.telops.testkit.KafkaBroker;
import io.telops.testkit.PostgresServer;

/** The module's own migration, run again, and the upgrade path: an old outbox's pending rows are published, never lost. */
@ExtendWith(InfrastructureExtension.class)
class OutboxSchemaTest {

    @Test
    void migratingTwiceChangesNothingAndKeepsItsOwnHistory(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka); // migrated once
        db.write(List.of(db.event("kept")), true);
        assertThat(OutboxSchema.migrate(db.dataSource)).isZero();
        assertThat(db.count("event_key = 'kept'")).isEqualTo(1);
        try (var c = db.dataSource.getConnection(); var rs = c.createStatement().executeQuery(
                "select count(*) from " + OutboxSchema.HISTORY + " where success and version = '1'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void rowsAServiceMigrationLeftInTheUpgradeTableAreMovedOnceAndPublished(PostgresServer pg, KafkaBroker kafka) throws Exception {
        OutboxDatabase db = new OutboxDatabase(pg, kafka);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        // what a service's upgrade migration leaves: the pending rows of its old outbox, in the standard columns
        db.execute("create table telops_outbox_upgrade as select * from (values "
                + "(1, '" + first + "'::uuid, '" + db.topic + "', 'old-key', 'io.telops.test.v1', '{\"n\":1}', now() - interval '1 hour'), "
                + "(2, '" + second + "'::uuid, '" + db.topic + "', 'old-key', 'io.telops.test.v1', '{\"n\":2}', now() - interval '1 hour')"
                + ") as t(seq, id, topic, event_key, ce_type, payload, occurred_at)");

        assertThat(OutboxSchema.migrate(db.dataSource)).isEqualTo(2);
        assertThat(OutboxSchema.migrate(db.dataSource)).as("the upgrade table is gone").isZero();

        OutboxRelay relay = new OutboxRelay(new PostgresOutboxStore(db.dataSource, OutboxConfig.Claiming.LEADER, 4573001, false),
                OutboxSettings.defaults(), "/old-service", db.kafka(), new SimpleMeterRegistry());
        assertThat(relay.drain()).isEqualTo(2);
        relay.stop();
        assertThat(db.published(2, Duration.ofSeconds(30))).extracting(ConsumerRecord::value, r -> OutboxRelayTest.header(r, CloudEventHeaders.ID))
                .containsExactly(tuple("{\"n\":1}", first.toString()),
                        tuple("{\"n\":2}", second.toString()));
    }
}
