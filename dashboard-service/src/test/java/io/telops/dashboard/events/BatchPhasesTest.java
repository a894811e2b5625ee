package io.telops.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.telops.dashboard.events.BatchPhases.Phase;

class BatchPhasesTest {

    @Test
    void eachLapIsChargedToItsPhaseAndRestartChargesNobody() {
        AtomicLong clock = new AtomicLong(1_000);
        BatchPhases phases = new BatchPhases(clock::get);
        clock.addAndGet(20);
        phases.lap(Phase.DECODE);
        clock.addAndGet(30);
        phases.restart();
        clock.addAndGet(10);
        phases.lap(Phase.WRITE);
        clock.addAndGet(7);
        phases.lap(Phase.WRITE);

        assertThat(phases.nanos(Phase.DECODE)).isEqualTo(20);
        // two laps add up; the 30 ns before restart() are nobody's
        assertThat(phases.nanos(Phase.WRITE)).isEqualTo(17);
        assertThat(phases.nanos(Phase.COMMIT)).isZero();
        assertThat(phases.spent()).containsExactly(
                java.util.Map.entry(Phase.DECODE, 20L), java.util.Map.entry(Phase.WRITE, 17L));
    }

    @Test
    void labelsAreTheMetricTags() {
        assertThat(Phase.CLAIM_AND_LOAD.label()).isEqualTo("claim-and-load");
        assertThat(Phase.COMMIT.label()).isEqualTo("commit");
    }
}
