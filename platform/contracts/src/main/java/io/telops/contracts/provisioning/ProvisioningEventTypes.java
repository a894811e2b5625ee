package io.telops.contracts.provisioning;

import java.util.List;
import java.util.Optional;

import io.telops.contracts.EventType;
import io.telops.contracts.Topics;

/** CloudEvents types of the provisioning events, each with its record and schema. */
public final class ProvisioningEventTypes {
    public static final EventType<DeviceCreated> DEVICE_CREATED = of("device-created", DeviceCreated.class);
    public static final EventType<DeviceChanged> DEVICE_CHANGED = of("device-changed", DeviceChanged.class);
    public static final EventType<DeviceDeleted> DEVICE_DELETED = of("device-deleted", DeviceDeleted.class);
    public static final EventType<ConfigFetched> CONFIG_FETCHED = of("config-fetched", ConfigFetched.class);
    public static final EventType<AuthFailed> AUTH_FAILED = of("auth-failed", AuthFailed.class);

    public static final EventType<DeviceResyncRequested> DEVICE_RESYNC_REQUESTED =
            of("device-resync-requested", DeviceResyncRequested.class);
    public static final EventType<ConfigRenderFailed> CONFIG_RENDER_FAILED =
            of("config-render-failed", ConfigRenderFailed.class);

    public static final List<EventType<?>> ALL = List.of(DEVICE_CREATED, DEVICE_CHANGED, DEVICE_DELETED, CONFIG_FETCHED,
            AUTH_FAILED, DEVICE_RESYNC_REQUESTED, CONFIG_RENDER_FAILED);

    private ProvisioningEventTypes() {
    }

    /** The event type of a record, for producers. */
    public static EventType<?> of(ProvisioningEvent event) {
        return forClass(event.getClass()).orElseThrow();
    }

    public static Optional<EventType<?>> forClass(Class<?> recordClass) {
        return ALL.stream().filter(t -> t.recordClass() == recordClass).findFirst();
    }

    private static <T extends Record> EventType<T> of(String name, Class<T> type) {
        return new EventType<>("io.telops.provisioning." + name + ".v1", type, Topics.PROVISIONING_EVENTS,
                "/io/telops/contracts/schemas/provisioning/" + name + ".v1.json");
    }
}
