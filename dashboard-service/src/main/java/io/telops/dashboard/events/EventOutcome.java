package io.telops.dashboard.events;

/** What the consumer did with one record; also the {@code outcome} tag of the consumption counter. */
public enum EventOutcome {
    APPLIED, DUPLICATE, UNKNOWN_TYPE, MALFORMED, FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
