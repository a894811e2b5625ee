package io.telops.ingest.polycom;

import java.util.Optional;
import java.util.UUID;

import io.telops.contracts.phone.PhoneEvent;

/** What one event element of a push became: a typed event, an event type we do not know, or an invalid event. */
public sealed interface PushEntry {
    /** The XML element name the phone used, e.g. {@code CallStateChangeEvent}. */
    String element();

    /** {@code ceId}: the event's CloudEvents id, derived from what the phone sent ({@link EventIds#pushed}). */
    record Recognised(String element, PhoneEvent event, UUID ceId) implements PushEntry {
    }

    /** A well-formed element we have no mapping for: kept raw and counted, never fails the request. */
    record Unrecognised(String element, Optional<String> mac) implements PushEntry {
    }

    /** A known element whose content cannot be normalised (no MAC, no call reference...). */
    record Invalid(String element, String reason) implements PushEntry {
    }
}
