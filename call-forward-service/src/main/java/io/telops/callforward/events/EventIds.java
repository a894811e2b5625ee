package io.telops.callforward.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Stable CloudEvents ids derived from what the event is about (e.g. "forwarded", call UUID, leg): a retried
 * callback produces the same id, so the outbox keeps one copy and consumers see one event.
 */
public final class EventIds {
    private EventIds() {
    }

    public static String of(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
