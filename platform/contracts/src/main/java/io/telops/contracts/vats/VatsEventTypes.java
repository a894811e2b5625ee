package io.telops.contracts.vats;

import java.util.List;
import java.util.Optional;

import io.telops.contracts.EventType;
import io.telops.contracts.Topics;

/** CloudEvents types of the MTS VATS trunk events, each with its record and schema. */
public final class VatsEventTypes {
    public static final EventType<TrunkChanged> TRUNK_CHANGED = of("trunk-changed", TrunkChanged.class);
    public static final EventType<TrunkSnapshot> TRUNK_SNAPSHOT = of("trunk-snapshot", TrunkSnapshot.class);
    /** Keyed by the enterprise id, not a trunk id. */
    public static final EventType<SyncGuardTripped> SYNC_GUARD_TRIPPED = of("sync-guard-tripped", SyncGuardTripped.class);

    public static final List<EventType<?>> ALL = List.of(TRUNK_CHANGED, TRUNK_SNAPSHOT, SYNC_GUARD_TRIPPED);

    private VatsEventTypes() {
    }

    public static EventType<?> of(VatsEvent event) {
        return forClass(event.getClass()).orElseThrow();
    }

    /** The signature before {@link VatsEvent}: kept so that classes compiled against it still link. */
    public static EventType<?> of(VatsTrunkEvent event) {
        return of((VatsEvent) event);
    }

    public static Optional<EventType<?>> forClass(Class<?> recordClass) {
        return ALL.stream().filter(t -> t.recordClass() == recordClass).findFirst();
    }

    private static <T extends Record> EventType<T> of(String name, Class<T> type) {
        return new EventType<>("io.telops.vats." + name + ".v1", type, Topics.VATS_TRUNKS,
                "/io/telops/contracts/schemas/vats/" + name + ".v1.json");
    }
}
