package io.telops.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.telops.contracts.vats.TrunkChange;
import io.telops.contracts.vats.TrunkChanges;
import io.telops.contracts.vats.TrunkState;

/** The one definition of what changed between two observations of a trunk, which producer and consumer both use. */
class TrunkChangesTest {
    private static final TrunkState WORKING = new TrunkState("79161234567", Optional.of("A"), true, false, true, false, true);
    private static final TrunkState BROKEN = new TrunkState("79161234567", Optional.of("B"), false, true, false, true, false);

    @Test
    void theSameStateHasNoChange() {
        assertThat(TrunkChanges.between(Optional.of(WORKING), Optional.of(WORKING))).isEmpty();
        assertThat(TrunkChanges.between(Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void aTrunkSeenOnOneSideOnlyAppearedOrDisappeared() {
        assertThat(TrunkChanges.between(Optional.empty(), Optional.of(WORKING))).containsExactly(TrunkChange.APPEARED);
        assertThat(TrunkChanges.between(Optional.of(WORKING), Optional.empty())).containsExactly(TrunkChange.DISAPPEARED);
    }

    @Test
    void everyFlagIsNamedInBothDirectionsInTheContractsOrder() {
        assertThat(TrunkChanges.between(Optional.of(WORKING), Optional.of(BROKEN))).containsExactly(TrunkChange.DEACTIVATED,
                TrunkChange.MARKED_FOR_DELETION, TrunkChange.BINDING_LOST, TrunkChange.BLOCKED, TrunkChange.SIP_DEVICE_OFF,
                TrunkChange.DETAILS_CHANGED);
        assertThat(TrunkChanges.between(Optional.of(BROKEN), Optional.of(WORKING))).containsExactly(TrunkChange.ACTIVATED,
                TrunkChange.UNMARKED_FOR_DELETION, TrunkChange.BINDING_RESTORED, TrunkChange.UNBLOCKED, TrunkChange.SIP_DEVICE_ON,
                TrunkChange.DETAILS_CHANGED);
    }

    @Test
    void aNewNumberOrANameGoneIsADetailsChange() {
        TrunkState renumbered = new TrunkState("79167654321", Optional.of("A"), true, false, true, false, true);
        TrunkState unnamed = new TrunkState("79161234567", Optional.empty(), true, false, true, false, true);
        assertThat(TrunkChanges.between(Optional.of(WORKING), Optional.of(renumbered))).containsExactly(TrunkChange.DETAILS_CHANGED);
        assertThat(TrunkChanges.between(Optional.of(WORKING), Optional.of(unnamed))).containsExactly(TrunkChange.DETAILS_CHANGED);
    }
}
