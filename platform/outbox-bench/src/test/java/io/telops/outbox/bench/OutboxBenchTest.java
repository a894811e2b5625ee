package io.telops.outbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runs the whole bench once (minutes; only under -Pbench) and fails if a pipeline missed an event. */
class OutboxBenchTest {

    @Test
    void everyPipelineDeliversEveryEventAndTheTableIsPrinted() throws Exception {
        String report = OutboxBench.run(Integer.getInteger("bench.seconds", 30), Integer.getInteger("bench.burst", 10_000));
        System.out.println(report);
        assertThat(report).contains("shared relay", "Debezium embedded", "raw producer").doesNotContain("MISSING");
    }
}
