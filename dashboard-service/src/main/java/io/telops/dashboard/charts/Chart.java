package io.telops.dashboard.charts;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;

/**
 * The charts the dashboard keeps buckets for: each has its bucket size (UTC minutes, hours or days), the window it
 * shows by default and what its series are.
 */
public enum Chart {
    EVENTS("events", "Events per minute by topic", ChronoUnit.MINUTES, Duration.ofHours(24), Kind.COUNT),
    CALLS("calls", "Calls per hour by outcome", ChronoUnit.HOURS, Duration.ofHours(24), Kind.COUNT),
    SPEND("spend", "Spend per hour by currency", ChronoUnit.HOURS, Duration.ofHours(24), Kind.MONEY),
    TRUNK_CHANGES("trunk-changes", "Trunk state changes per day by origin", ChronoUnit.DAYS, Duration.ofDays(30), Kind.COUNT),
    PHONES_ONLINE("phones-online", "Phones online", ChronoUnit.MINUTES, Duration.ofHours(24), Kind.GAUGE);

    /** COUNT and MONEY buckets add up what fell in them; a GAUGE bucket holds the value sampled in it. */
    public enum Kind {
        COUNT, MONEY, GAUGE
    }

    private final String id;
    private final String title;
    private final ChronoUnit unit;
    private final Duration window;
    private final Kind kind;

    Chart(String id, String title, ChronoUnit unit, Duration window, Kind kind) {
        this.id = id;
        this.title = title;
        this.unit = unit;
        this.window = window;
        this.kind = kind;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Duration bucket() {
        return unit.getDuration();
    }

    public ChronoUnit unit() {
        return unit;
    }

    public Duration window() {
        return window;
    }

    public Kind kind() {
        return kind;
    }

    /** The start of the bucket {@code at} falls in (UTC). */
    public Instant bucketOf(Instant at) {
        return at.truncatedTo(unit);
    }

    public static Optional<Chart> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
