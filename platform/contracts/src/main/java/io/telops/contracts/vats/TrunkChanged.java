package io.telops.contracts.vats;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One trunk changed: exactly one event per changed trunk and observation, listing every change.
 * {@code previous} is absent when the trunk appeared, {@code current} when it disappeared.
 *
 * @param runId  the sync run (or operator action) that observed it; all events of one run share it
 * @param actor  the operator's user name when {@code origin} is OPERATOR
 */
public record TrunkChanged(String trunkId, String enterpriseId, String runId, TrunkChangeOrigin origin,
                           Optional<String> actor, Instant observedAt, List<TrunkChange> changes,
                           Optional<TrunkState> previous, Optional<TrunkState> current) implements VatsTrunkEvent {
    public TrunkChanged {
        changes = List.copyOf(changes);
    }
}
