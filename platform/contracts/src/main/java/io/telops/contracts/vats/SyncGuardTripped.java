package io.telops.contracts.vats;

import java.time.Instant;
import java.util.Optional;

/**
 * A sync's answer would have made more than {@code maxDisappearedRatio} of the known trunks disappear (or listed
 * none): at most one per run, keyed by the enterprise id, not a trunk id. REFUSED: the run stored and published
 * nothing. OVERRIDDEN: an admin's override ({@code overrideId}, granted by {@code overriddenBy}) let it through,
 * in the same transaction as its {@code trunk-changed} events.
 *
 * @param runId   the sync run; the trunk-changed events of an OVERRIDDEN run share it
 * @param trigger what started the run, e.g. {@code schedule} or {@code api:<user>}
 */
public record SyncGuardTripped(String enterpriseId, String runId, Instant observedAt, String trigger, int knownTrunks,
                               int listedTrunks, int disappearing, double maxDisappearedRatio, GuardOutcome outcome,
                               Optional<String> overriddenBy, Optional<Long> overrideId) implements VatsEvent {
    @Override
    public String key() {
        return enterpriseId;
    }
}
