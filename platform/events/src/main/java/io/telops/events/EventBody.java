package io.telops.events;

import java.io.IOException;

import io.telops.contracts.EventCatalog;
import io.telops.contracts.EventJson;
import io.telops.contracts.EventType;

/**
 * A CloudEvent's body decoded to its contracts record through {@link EventCatalog}. Unknown types are reported, not
 * thrown, so a consumer can count and skip them; unknown fields are ignored ({@link EventJson}), so producers can
 * add fields without breaking anyone.
 */
public sealed interface EventBody permits EventBody.Known, EventBody.UnknownType, EventBody.Unreadable {
    /** The body as the record its {@code ce_type} names. */
    record Known(EventType<?> type, Record body) implements EventBody {
    }

    /** A type this platform version does not know: skip it. */
    record UnknownType(String type) implements EventBody {
    }

    /** A known type whose body is not valid JSON for its record (or breaks the record's own checks). */
    record Unreadable(EventType<?> type, String reason) implements EventBody {
    }

    static EventBody of(CloudEvent event) {
        return of(event.type(), event.data());
    }

    static EventBody of(String ceType, byte[] json) {
        EventType<?> type = EventCatalog.byType(ceType).orElse(null);
        if (type == null) {
            return new UnknownType(ceType);
        }
        try {
            return new Known(type, EventJsonMapper.MAPPER.readValue(json, type.recordClass()));
        } catch (IOException | RuntimeException e) {
            return new Unreadable(type, e.getMessage());
        }
    }
}
