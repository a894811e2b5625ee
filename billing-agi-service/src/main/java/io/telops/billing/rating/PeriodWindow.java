package io.telops.billing.rating;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One weekly window of a named period: the days it applies on (bit 0 Monday .. bit 6 Sunday) and its minutes from
 * local midnight, end exclusive (1440 = the end of the day).
 */
public record PeriodWindow(String period, int days, int startMinute, int endMinute) {
    private static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    public PeriodWindow {
        if (period == null || !period.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("period name: 1-32 of A-Z a-z 0-9 _ -");
        }
        if (days < 1 || days > 127) {
            throw new IllegalArgumentException("days: at least one of MON..SUN");
        }
        if (startMinute < 0 || endMinute > 1440 || startMinute >= endMinute) {
            throw new IllegalArgumentException("a window runs from 00:00-23:59 to a later time up to 24:00");
        }
    }

    public boolean contains(DayOfWeek day, int minuteOfDay) {
        return (days >> (day.getValue() - 1) & 1) == 1 && minuteOfDay >= startMinute && minuteOfDay < endMinute;
    }

    public boolean overlaps(PeriodWindow other) {
        return (days & other.days) != 0 && startMinute < other.endMinute && other.startMinute < endMinute;
    }

    /** {@code MON,TUE} or ranges {@code MON-FRI}, comma-separated. */
    public static int parseDays(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("days: e.g. MON-FRI or SAT,SUN");
        }
        int bits = 0;
        for (String item : text.toUpperCase(Locale.ROOT).split(",")) {
            String[] range = item.trim().split("-");
            int from = DAYS.indexOf(range[0].trim());
            int to = range.length == 2 ? DAYS.indexOf(range[1].trim()) : from;
            if (range.length > 2 || from < 0 || to < from) {
                throw new IllegalArgumentException("days: e.g. MON-FRI or SAT,SUN, not '" + item.trim() + "'");
            }
            for (int d = from; d <= to; d++) {
                bits |= 1 << d;
            }
        }
        return bits;
    }

    public static String formatDays(int bits) {
        List<String> names = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            if ((bits >> d & 1) == 1) {
                names.add(DAYS.get(d));
            }
        }
        return String.join(",", names);
    }

    /** {@code HH:MM}, 00:00 to 24:00. */
    public static int parseMinute(String text) {
        if (text == null || !text.matches("([01][0-9]|2[0-3]):[0-5][0-9]|24:00")) {
            throw new IllegalArgumentException("time: HH:MM from 00:00 to 24:00, not '" + text + "'");
        }
        return Integer.parseInt(text.substring(0, 2)) * 60 + Integer.parseInt(text.substring(3));
    }

    public static String formatMinute(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
