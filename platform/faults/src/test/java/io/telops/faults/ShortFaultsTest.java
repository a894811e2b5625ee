package io.telops.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The short fault run of the normal build (issue #16: two faults, under two minutes): the packaged platform with three
 * Kafka nodes, two instances of event-ingest-service and dashboard-service and one of each other service, load on
 * every entry point, and the two faults that prove the most, one after the other. The Kafka node leading the phone events SIGKILLed: every producer (ingest's pushes, the
 * services' outbox relays) and every consumer group fails over to the new leaders. Then one instance of the entry
 * point (event-ingest-service) and one of the projection (dashboard-service) SIGKILLed together: in-flight pushes go
 * unanswered, the killed dashboard's last batches are applied but not committed, so its records are read again
 * when it returns; none may be lost and none applied twice (item 3 of the issue: the read model's ce_id claim).
 * After each: every acknowledged push, accepted callback and settled call is in the dashboard exactly once, billing's
 * ledger is whole, outboxes drained and consumers caught up. The dashboard stopped and started (its group's
 * rebalance) and the other five faults are rows of {@link FaultTableTest}.
 */
@Tag("short")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShortFaultsTest {
    private FaultHarness harness;

    @BeforeAll
    void start() throws Exception {
        Path root = Path.of(System.getProperty("telops.root", "../..")).toAbsolutePath().normalize();
        // 2 s of load before the fault, 4 s after the part is back: enough for a few hundred acknowledged items a row.
        // Two instances only of the services the faults break: a service JVM's start costs about 7.5 CPU seconds, and
        // the starts of twelve were most of the run on two cores (docs/benchmarks/faults.md); the other four services
        // run once and still feel the broker's loss
        harness = new FaultHarness(root, Files.createTempDirectory("telops-faults"), FaultHarness.Load.light(),
                new FaultHarness.Timing(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(90)),
                Map.of("event-ingest-service", 2, "dashboard-service", 2)).onLog(System.out::println).start();
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    @Order(1)
    void sigkillOfThePartitionLeaderBrokerLosesAndDuplicatesNothing() throws Exception {
        // the controller fences a silent node after 6 s; a 4 s hold plus the node's own restart covers it
        assertExactlyOnce(harness.run(new Fault.BrokerLeaderKill(Duration.ofSeconds(4))));
    }

    /** Two dashboards in one group: the killed one's uncommitted records are read again, none applied twice. */
    @Test
    @Order(2)
    void sigkillOfAnIngestAndADashboardInstanceLosesAndDuplicatesNothing() throws Exception {
        assertExactlyOnce(harness.run(new Fault.InstanceKill(List.of("event-ingest-service", "dashboard-service"),
                Duration.ofSeconds(2))));
    }

    private static void assertExactlyOnce(FaultRow row) {
        System.out.print(FaultRow.header() + row.line() + row.detail());
        assertThat(row.acknowledged()).as("the load got answers").isGreaterThan(20);
        assertThat(row.lost()).as("acknowledged but not in the dashboard: " + row.detail()).isZero();
        assertThat(row.duplicated()).as("in the dashboard more than once: " + row.detail()).isZero();
        assertThat(row.ledgerViolations()).as("billing's ledger").isEmpty();
        assertThat(row.notes()).as("outboxes drained, consumers caught up").noneMatch(n -> n.startsWith("NOT SETTLED"));
        // recovery time is a figure (printed above, tabled in docs/benchmarks/faults.md), not a pass mark: on a shared
        // two-core machine it measures the machine as much as the platform; that it recovered at all is asserted
        assertThat(row.recoverySeconds()).as("recovery seconds").isNotNegative();
    }
}
