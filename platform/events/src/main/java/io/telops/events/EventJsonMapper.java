package io.telops.events;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.telops.contracts.EventJson;

/** The one mapper event bodies are written and read with; configured once, thread-safe after that. */
final class EventJsonMapper {
    static final ObjectMapper MAPPER = EventJson.mapper();

    private EventJsonMapper() {
    }
}
