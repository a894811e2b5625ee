package io.telops.callforward.line;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Business hours in a time zone: calls outside every window go straight to voicemail. A window whose
 * end is before its start runs over midnight (its days are the days it starts on).
 */
public record Schedule(ZoneId zone, List<Window> windows) {
    public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
        public Window {
            days = Set.copyOf(Objects.requireNonNull(days, "days"));
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            if (days.isEmpty() || from.equals(to)) {
                throw new IllegalArgumentException("a window needs days and a non-empty time range");
            }
        }

        boolean contains(ZonedDateTime t) {
            LocalTime time = t.toLocalTime();
            if (from.isBefore(to)) {
                return days.contains(t.getDayOfWeek()) && !time.isBefore(from) && time.isBefore(to);
            }
            // overnight: the evening part on a listed day, the morning part on the day after one
            return (days.contains(t.getDayOfWeek()) && !time.isBefore(from))
                    || (days.contains(t.getDayOfWeek().minus(1)) && time.isBefore(to));
        }
    }

    public Schedule {
        Objects.requireNonNull(zone, "zone");
        windows = List.copyOf(Objects.requireNonNull(windows, "windows"));
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a schedule needs at least one window");
        }
    }

    public boolean isOpen(Instant now) {
        ZonedDateTime local = now.atZone(zone);
        return windows.stream().anyMatch(w -> w.contains(local));
    }
}
