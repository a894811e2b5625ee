package io.telops.contracts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.telops.contracts.billing.BillingEventTypes;
import io.telops.contracts.callforward.CallForwardEventTypes;
import io.telops.contracts.phone.PhoneEventTypes;
import io.telops.contracts.provisioning.ProvisioningEventTypes;
import io.telops.contracts.vats.VatsEventTypes;

/**
 * Every event type the platform publishes, so consumers can map a {@code ce_type} header to its
 * record and skip the types they do not know.
 */
public final class EventCatalog {
    private static final Map<String, EventType<?>> BY_TYPE = new LinkedHashMap<>();

    static {
        Stream.of(PhoneEventTypes.ALL, CallForwardEventTypes.ALL, ProvisioningEventTypes.ALL,
                        BillingEventTypes.ALL, VatsEventTypes.ALL)
                .flatMap(List::stream)
                .forEach(t -> {
                    if (BY_TYPE.putIfAbsent(t.type(), t) != null) {
                        throw new IllegalStateException("duplicate event type " + t.type());
                    }
                });
    }

    private EventCatalog() {
    }

    public static List<EventType<?>> all() {
        return List.copyOf(BY_TYPE.values());
    }

    public static Optional<EventType<?>> byType(String ceType) {
        return Optional.ofNullable(BY_TYPE.get(ceType));
    }
}
