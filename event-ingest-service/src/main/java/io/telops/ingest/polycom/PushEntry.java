package io.telops.ingest.polycom;

import java.util.Optional;

import io.telops.contracts.phone.PhoneEvent;

/** What one event element of a push became: a typed event, an event type we do not know, or an invalid event. */
public sealed interface PushEntry {
    /** The XML element name the phone used, e.g. {@code CallStateChangeEvent}. */
    String element();

    record Recognised(String element, PhoneEvent event) implements PushEntry {
    }

    /** A well-formed element we have no mapping for: kept raw and counted, never fails the request. */
    record Unrecognised(String element, Optional<String> mac) implements PushEntry {
    }

    /** A known element whose content cannot be normalised (no MAC, no call reference...). */
    record Invalid(String element, String reason) implements PushEntry {
    }
}
