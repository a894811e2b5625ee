package io.telops.contracts;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

/**
 * RFC 3339 timestamps (ce_time, every body's instants) read without {@code DateTimeFormatter} for the one shape
 * producers send, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}: the formatter's parse-and-resolve cost about a
 * fifth of a consumer's CPU. Anything else, and any out-of-range field, goes to the JDK's
 * {@code OffsetDateTime.parse}, which decides (and throws) exactly as it would alone.
 */
public final class Rfc3339 {
    private Rfc3339() {
    }

    /** As {@code OffsetDateTime.parse(text).toInstant()}. */
    public static Instant parse(String text) {
        Fields fast = fast(text);
        return fast != null ? fast.instant() : OffsetDateTime.parse(text).toInstant();
    }

    /** As {@code OffsetDateTime.parse(text)}: the instant and the offset it was written in. */
    public static OffsetDateTime parseOffsetDateTime(String text) {
        Fields fast = fast(text);
        return fast != null ? fast.offsetDateTime() : OffsetDateTime.parse(text);
    }

    /** The instant of the common shape, or null when the text is anything else (including invalid values). */
    public static Instant fastInstant(String text) {
        Fields fast = fast(text);
        return fast == null ? null : fast.instant();
    }

    /** A timestamp of the common shape, already range-checked. */
    private record Fields(long epochSecond, int nanos, int offsetSeconds) {
        Instant instant() {
            return Instant.ofEpochSecond(epochSecond, nanos);
        }

        OffsetDateTime offsetDateTime() {
            return OffsetDateTime.ofInstant(instant(), ZoneOffset.ofTotalSeconds(offsetSeconds));
        }
    }

    private static Fields fast(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int length = i - start;
            if (length < 1 || length > 9) {
                return null;
            }
            nanos = digits(s, start, length);
            for (int k = length; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int offsetHours = digits(s, i + 1, 2);
            int offsetMinutes = digits(s, i + 4, 2);
            if ((offsetHours | offsetMinutes) < 0 || offsetHours > 18 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (s.charAt(i) == '-' ? -1 : 1);
        } else {
            return null;
        }
        try {
            ZoneOffset.ofTotalSeconds(offsetSeconds);
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            long epochSecond = epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds;
            return new Fields(epochSecond, nanos, offsetSeconds);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal value of {@code length} ASCII digits at {@code start}, or -1. */
    private static int digits(String s, int start, int length) {
        int value = 0;
        for (int i = start; i < start + length; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Jackson's {@code Instant} deserializer with the fast path in front; every other input goes to it unchanged. */
    public static final class InstantReader extends StdDeserializer<Instant> {
        public InstantReader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.hasToken(JsonToken.VALUE_STRING)) {
                Instant fast = fastInstant(parser.getText().strip());
                if (fast != null) {
                    return fast;
                }
            }
            return InstantDeserializer.INSTANT.deserialize(parser, context);
        }
    }
}
