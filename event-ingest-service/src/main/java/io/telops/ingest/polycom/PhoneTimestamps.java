package io.telops.ingest.polycom;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.telops.contracts.Rfc3339;

/**
 * Poly's TimeStamp is ISO-8601 with the phone's local offset, e.g. {@code 2008-07-11T13:19:53-08:00}. We keep
 * the instant in UTC and the offset the phone wrote, so the phone's wall-clock time can be shown again. The
 * platform's {@link Rfc3339} reads it; only the phones' leniencies live here: surrounding blanks, a {@code ±hhmm}
 * offset without the colon, and no offset at all.
 */
public final class PhoneTimestamps {
    /** An instant and the offset it was written in ({@code Z} or {@code ±hh:mm}). */
    public record PhoneTime(Instant instant, String utcOffset) {
    }

    private PhoneTimestamps() {
    }

    public static Optional<PhoneTime> parse(String text) {
        String value = withOffsetColon(text.strip());
        try {
            return Optional.of(of(Rfc3339.parseOffsetDateTime(value)));
        } catch (DateTimeException ignored) {
            // no offset at all?
        }
        try {
            // no offset written: the only honest reading is UTC, and the offset says so
            return Optional.of(new PhoneTime(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC), "Z"));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** {@code ...-0800} as {@code ...-08:00}, so the compact offset some firmwares write takes the fast path too. */
    private static String withOffsetColon(String v) {
        int n = v.length();
        if (n < 6 || (v.charAt(n - 5) != '+' && v.charAt(n - 5) != '-')) {
            return v;
        }
        for (int i = n - 4; i < n; i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return v;
            }
        }
        return v.substring(0, n - 2) + ':' + v.substring(n - 2);
    }

    private static PhoneTime of(OffsetDateTime t) {
        int seconds = t.getOffset().getTotalSeconds();
        // the contract allows ±hh:mm only; an offset with seconds is truncated to minutes
        return new PhoneTime(t.toInstant(), ZoneOffset.ofTotalSeconds(seconds / 60 * 60).getId());
    }
}
