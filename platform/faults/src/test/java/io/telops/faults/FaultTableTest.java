package io.telops.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.telops.devstack.DevStack;
import io.telops.devstack.ServiceSpec;

/**
 * The whole table of issue #16 ({@code ./mvnw -B -Pfaults -pl platform/faults verify}): every fault, one at a time, on
 * one platform under load. Writes the table to {@code target/faults-table.md} (the source of docs/benchmarks/faults.md)
 * before it asserts, so a failing row is still reported.
 */
@Tag("full")
class FaultTableTest {

    @Test
    void everyFaultOfTheIssue() throws Exception {
        Path root = Path.of(System.getProperty("telops.root", "../..")).toAbsolutePath().normalize();
        List<String> every = DevStack.SERVICES.stream().map(ServiceSpec::name).toList();
        List<Fault> planned = List.of(
                new Fault.BrokerLeaderKill(Duration.ofSeconds(10)),
                new Fault.KafkaKill(Duration.ofSeconds(10)),
                new Fault.PostgresKill(Duration.ofSeconds(5)),
                new Fault.MongoKill(Duration.ofSeconds(5)),
                new Fault.InstanceKill(every, Duration.ofSeconds(5)),
                new Fault.BrokerStall(Duration.ofSeconds(35)),
                new Fault.ConsumerRebalance(Duration.ofSeconds(5)));
        // -Dfaults.only=ConsumerRebalance,MongoKill: those rows alone (one fault measured before and after a change)
        Set<String> only = Arrays.stream(System.getProperty("faults.only", "").split(",")).map(String::strip)
                .filter(n -> !n.isEmpty()).collect(Collectors.toSet());
        List<Fault> faults = planned.stream().filter(f -> only.isEmpty() || only.contains(f.getClass().getSimpleName()))
                .toList();
        List<FaultRow> rows = new ArrayList<>();
        Instant started = Instant.now();
        try (FaultHarness harness = new FaultHarness(root, Files.createTempDirectory("telops-faults"),
                FaultHarness.Load.light(), FaultHarness.Timing.standard()).onLog(System.out::println).start()) {
            for (Fault fault : faults) {
                rows.add(harness.run(fault));
            }
        } finally {
            StringBuilder table = new StringBuilder(FaultRow.header());
            rows.forEach(r -> table.append(r.line()));
            table.append("\n```\n");
            rows.forEach(r -> table.append(r.detail()));
            table.append("```\n");
            String report = String.format("started %s, %d s; load %s%n%n%s", started,
                    Duration.between(started, Instant.now()).toSeconds(), FaultHarness.Load.light(), table);
            System.out.print(report);
            Files.writeString(Path.of(System.getProperty("faults.report", "target/faults-table.md")), report);
        }
        assertThat(rows).hasSize(faults.size());
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.lost()).as(r.fault() + " lost").isZero();
            assertThat(r.duplicated()).as(r.fault() + " duplicated").isZero();
            assertThat(r.ledgerViolations()).as(r.fault() + " ledger").isEmpty();
            assertThat(r.notes()).as(r.fault() + " settled").noneMatch(n -> n.startsWith("NOT SETTLED"));
            // the 30 s goal is read off the printed table (docs/benchmarks/faults.md), not enforced: a figure, not a pass mark
            assertThat(r.recoverySeconds()).as(r.fault() + " recovery s").isNotNegative();
        });
    }
}
