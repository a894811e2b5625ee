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
        Optional<PhoneTime> common = fast(value);
        if (common.isPresent()) {
            return common;
        }
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

    /**
     * The spelling phones send, {@code yyyy-MM-ddTHH:mm:ss} with an optional fraction and {@code Z}, {@code ±hh:mm}
     * or {@code ±hhmm}, read by position (the formatter-based parse costs more than the rest of a push). Anything
     * else, or any field out of range, goes to the general parse below, which decides.
     */
    private static Optional<PhoneTime> fast(String v) {
        int n = v.length();
        if (n < 20 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != 'T' || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return Optional.empty();
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 2);
        int day = digits(v, 8, 2);
        int hour = digits(v, 11, 2);
        int minute = digits(v, 14, 2);
        int second = digits(v, 17, 2);
        int i = 19;
        int nanos = 0;
        if (i < n && v.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && Character.isDigit(v.charAt(i))) {
                nanos = nanos * 10 + (v.charAt(i++) - '0');
            }
            if (i == start) {
                return Optional.empty();
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || i >= n) {
            return Optional.empty();
        }
        int offsetSeconds;
        String rest = v.substring(i);
        if (rest.equals("Z")) {
            offsetSeconds = 0;
        } else if ((rest.length() == 6 && rest.charAt(3) == ':') || rest.length() == 5) {
            char sign = rest.charAt(0);
            int oh = digits(rest, 1, 2);
            int om = digits(rest, rest.length() - 2, 2);
            if ((sign != '+' && sign != '-') || oh < 0 || om < 0 || oh > 18 || om > 59) {
                return Optional.empty();
            }
            offsetSeconds = (sign == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(of(OffsetDateTime.of(year, month, day, hour, minute, second, nanos, ZoneOffset.ofTotalSeconds(offsetSeconds))));
        } catch (java.time.DateTimeException outOfRange) {
            return Optional.empty();
        }
    }

    /** The non-negative number written by {@code count} ASCII digits at {@code from}, else -1. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static PhoneTime of(OffsetDateTime t) {
        int seconds = t.getOffset().getTotalSeconds();
        // the contract allows ±hh:mm only; an offset with seconds is truncated to minutes
        return new PhoneTime(t.toInstant(), ZoneOffset.ofTotalSeconds(seconds / 60 * 60).getId());
    }
}
