package io.telops.dashboard.phone;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import io.quarkus.qute.TemplateData;

/** One history row: the event's instant in UTC and as the phone's own wall clock showed it. */
@TemplateData
public record LogView(String eventId, String type, Instant occurredAt, String phoneLocalTime, String summary,
                      Optional<String> callReference) {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    static LogView of(PhoneLogEntry entry) {
        return new LogView(entry.eventId, entry.eventType, entry.occurredAt, localTime(entry.occurredAt, entry.utcOffset),
                entry.summary, Optional.ofNullable(entry.callReference));
    }

    static String localTime(Instant at, String utcOffset) {
        ZoneOffset offset;
        try {
            offset = ZoneOffset.of(utcOffset);
        } catch (RuntimeException e) {
            offset = ZoneOffset.UTC;
        }
        return LOCAL.format(at.atOffset(offset));
    }
}
