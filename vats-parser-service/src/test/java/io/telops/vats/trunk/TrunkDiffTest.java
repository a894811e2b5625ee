package io.telops.vats.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkState;

class TrunkDiffTest {
    private static final TrunkState WORKING = new TrunkState("79161234567", Optional.of("A"), true, false, true, false, true);

    @Test
    void unchangedTrunksGiveNoDelta() {
        Map<Long, TrunkState> same = Map.of(1L, WORKING, 2L, WORKING);
        assertThat(TrunkDiff.diff(same, same)).isEmpty();
    }

    @Test
    void everyKindOfChangeIsNamedOncePerTrunk() {
        Map<Long, TrunkState> known = new LinkedHashMap<>();
        known.put(1L, WORKING);
        known.put(2L, WORKING);
        known.put(3L, WORKING);
        Map<Long, TrunkState> observed = new LinkedHashMap<>();
        observed.put(1L, new TrunkState("79161234567", Optional.of("B"), false, true, false, true, false));
        observed.put(3L, WORKING);
        observed.put(4L, WORKING);

        List<TrunkDelta> deltas = TrunkDiff.diff(known, observed);

        assertThat(deltas).extracting(TrunkDelta::trunkId).containsExactly(1L, 2L, 4L);
        assertThat(deltas.get(0).changes()).containsExactly(TrunkChange.DEACTIVATED, TrunkChange.MARKED_FOR_DELETION,
                TrunkChange.BINDING_LOST, TrunkChange.BLOCKED, TrunkChange.SIP_DEVICE_OFF, TrunkChange.DETAILS_CHANGED);
        assertThat(deltas.get(1).changes()).containsExactly(TrunkChange.DISAPPEARED);
        assertThat(deltas.get(1).current()).isEmpty();
        assertThat(deltas.get(2).changes()).containsExactly(TrunkChange.APPEARED);
        assertThat(deltas.get(2).previous()).isEmpty();
    }

    @Test
    void normalisesPhoneNumbers() {
        assertThat(TrunkStates.normalise("+7 (916) 123-45-67")).isEqualTo("79161234567");
        assertThat(TrunkStates.normalise("89161234567")).isEqualTo("79161234567");
        assertThat(TrunkStates.normalise("9161234567")).isEqualTo("79161234567");
        assertThatThrownBy(() -> TrunkStates.normalise("12345")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrunkStates.normalise("+1 212 555 0100 1")).isInstanceOf(IllegalArgumentException.class);
    }
}
