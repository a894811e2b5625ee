package io.telops.vats.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.telops.contracts.vats.TrunkChange;
import io.telops.vats.trunk.StoredTrunk;

/** A trunk as the API shows it. */
public record TrunkView(String trunkId, String enterpriseId, String phoneNumber, Optional<String> displayName,
                        boolean activated, boolean markedForDeletion, boolean bindingWorking, boolean blocked,
                        boolean sipDeviceOn, boolean present, Instant firstSeenAt, Instant lastSeenAt, Instant lastChangedAt,
                        List<TrunkChange> lastChanges) {
    static TrunkView of(StoredTrunk t) {
        return new TrunkView(Long.toString(t.trunkId()), Long.toString(t.enterpriseId()), t.state().phoneNumber(),
                t.state().displayName(), t.state().activated(), t.state().markedForDeletion(), t.state().bindingWorking(),
                t.state().blocked(), t.state().sipDeviceOn(), t.present(), t.firstSeenAt(), t.lastSeenAt(), t.lastChangedAt(),
                t.lastChanges());
    }
}
