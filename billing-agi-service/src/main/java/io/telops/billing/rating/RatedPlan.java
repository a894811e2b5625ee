package io.telops.billing.rating;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.telops.billing.ledger.TariffRate;

/**
 * A plan as the authorise path holds it in memory: its windows and its rates by period and prefix. Which rate a
 * destination gets at an instant: the period in force then (in the account's time zone; none outside every window),
 * and the longest prefix that has a rate for that period or an all-times rate (the period's wins at equal length).
 */
public record RatedPlan(long id, String name, String currency, boolean isDefault, List<PeriodWindow> windows,
                        Map<String, Map<String, PlanRate>> ratesByPeriod, int longestPrefix) {
    public static final String ALL_TIMES = "";

    /** The period in force at an instant, {@code ""} outside every window. */
    public String periodAt(Instant at, ZoneId zone) {
        if (windows.isEmpty()) {
            return ALL_TIMES;
        }
        ZonedDateTime local = at.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        for (PeriodWindow w : windows) {
            if (w.contains(local.getDayOfWeek(), minute)) {
                return w.period();
            }
        }
        return ALL_TIMES;
    }

    public Optional<PlanRate> rate(String destination, String period) {
        Map<String, PlanRate> inPeriod = ALL_TIMES.equals(period) ? Map.of() : ratesByPeriod.getOrDefault(period, Map.of());
        Map<String, PlanRate> always = ratesByPeriod.getOrDefault(ALL_TIMES, Map.of());
        for (int len = Math.min(destination.length(), longestPrefix); len >= 0; len--) {
            String prefix = destination.substring(0, len);
            PlanRate r = inPeriod.get(prefix);
            if (r == null) {
                r = always.get(prefix);
            }
            if (r != null) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** A destination priced from an instant: the rate at that instant, and the schedule over the call's reach. */
    public record Priced(PlanRate start, RateSchedule schedule) {
    }

    /**
     * The rate at {@code from} and the schedule of rates for {@code reachSeconds} after it (the longest a call
     * authorised now can still run: ring time, the longest call, the grace). A period with no rate for the
     * destination keeps the rate before it. Empty when there is no rate at {@code from}.
     */
    public Optional<Priced> price(String destination, Instant from, long reachSeconds, ZoneId zone) {
        Optional<PlanRate> start = rate(destination, periodAt(from, zone));
        if (start.isEmpty()) {
            return Optional.empty();
        }
        List<RateSchedule.Part> parts = new ArrayList<>();
        parts.add(new RateSchedule.Part(from.getEpochSecond(), start.get().effective()));
        if (!windows.isEmpty()) {
            TariffRate current = start.get().effective();
            for (Instant boundary : boundaries(from, from.plusSeconds(reachSeconds), zone)) {
                TariffRate next = rate(destination, periodAt(boundary, zone)).map(PlanRate::effective).orElse(current);
                if (!next.equals(current)) {
                    parts.add(new RateSchedule.Part(boundary.getEpochSecond(), next));
                    current = next;
                }
            }
        }
        return Optional.of(new Priced(start.get(), new RateSchedule(parts)));
    }

    /** Every instant in (from, to] where a window starts or ends, in the zone's local time. */
    private TreeSet<Instant> boundaries(Instant from, Instant to, ZoneId zone) {
        TreeSet<Instant> at = new TreeSet<>();
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            for (PeriodWindow w : windows) {
                for (int minute : new int[] {w.startMinute(), w.endMinute()}) {
                    Instant i = ZonedDateTime.of(day.atStartOfDay().plusMinutes(minute), zone).toInstant();
                    if (i.isAfter(from) && !i.isAfter(to)) {
                        at.add(i);
                    }
                }
            }
        }
        return at;
    }
}
