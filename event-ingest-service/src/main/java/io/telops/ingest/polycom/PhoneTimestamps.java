package io.telops.ingest.polycom;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Poly's TimeStamp is ISO-8601 with the phone's local offset, e.g. {@code 2008-07-11T13:19:53-08:00}. We keep
 * the instant in UTC and the offset the phone wrote, so the phone's wall-clock time can be shown again.
 */
public final class PhoneTimestamps {
    private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");

    /** An instant and the offset it was written in ({@code Z} or {@code ±hh:mm}). */
    public record PhoneTime(Instant instant, String utcOffset) {
    }

    private PhoneTimestamps() {
    }

    public static Optional<PhoneTime> parse(String text) {
        String value = text.strip();
        try {
            return Optional.of(of(OffsetDateTime.parse(value)));
        } catch (DateTimeParseException ignored) {
            // try the other spellings below
        }
        try {
            return Optional.of(of(OffsetDateTime.parse(value, COMPACT_OFFSET)));
        } catch (DateTimeParseException ignored) {
            // no offset at all?
        }
        try {
            // no offset written: the only honest reading is UTC, and the offset says so
            return Optional.of(new PhoneTime(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC), "Z"));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static PhoneTime of(OffsetDateTime t) {
        int seconds = t.getOffset().getTotalSeconds();
        // the contract allows ±hh:mm only; an offset with seconds is truncated to minutes
        return new PhoneTime(t.toInstant(), ZoneOffset.ofTotalSeconds(seconds / 60 * 60).getId());
    }
}
