package io.telops.dashboard.events;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Wall time spent in each phase of one batch (one partition slice of a poll), on one thread: a phase is
 * closed by {@link #lap(Phase)}, which charges it the time since the previous lap. Recorded as
 * {@code dashboard_consumer_phase_seconds{topic,phase}} so a slow batch shows where it waited.
 */
public final class BatchPhases {
    /** The steps a phone batch goes through, in order. */
    public enum Phase {
        /** CloudEvents headers and the JSON body into contract records. */
        DECODE,
        /** ce_ids inserted into processed_event, with the batch's phones and open calls read (one round trip). */
        CLAIM_AND_LOAD,
        /** Events applied in memory. */
        APPLY,
        /** Phones, log rows, calls and search terms written (one round trip). */
        WRITE,
        /** From the end of the transaction's work to the end of its commit (WAL flush). */
        COMMIT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    private final long[] nanos = new long[Phase.values().length];
    private final LongSupplier clock;
    private long mark;

    public BatchPhases() {
        this(System::nanoTime);
    }

    /** With its own clock of nanoseconds (tests). */
    BatchPhases(LongSupplier clock) {
        this.clock = clock;
        this.mark = clock.getAsLong();
    }

    /** Charges {@code phase} with the time since the previous lap (or the creation). */
    public void lap(Phase phase) {
        long now = clock.getAsLong();
        nanos[phase.ordinal()] += now - mark;
        mark = now;
    }

    /** Starts the clock again without charging anyone (time between phases that belongs to none). */
    public void restart() {
        mark = clock.getAsLong();
    }

    public long nanos(Phase phase) {
        return nanos[phase.ordinal()];
    }

    /** The phases that took any time, in order. */
    public Map<Phase, Long> spent() {
        Map<Phase, Long> spent = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            if (nanos[phase.ordinal()] > 0) {
                spent.put(phase, nanos[phase.ordinal()]);
            }
        }
        return spent;
    }
}
