package io.telops.faults;

import java.util.List;
import java.util.Map;

/**
 * One line of the table. Acknowledged, delivered, lost and duplicated count the tracked items (pushes, callbacks,
 * settled calls); {@code unanswered} the requests of all flows that got no acknowledgement (refused, timed out, 5xx);
 * {@code recoverySeconds} runs from the healed part's return until every instance was ready again and every item
 * acknowledged until then was in the dashboard (-1: not within the limit).
 */
public record FaultRow(String fault, long acknowledged, long delivered, long lost, long duplicated, long unanswered,
                       double recoverySeconds, Map<Flow, long[]> perFlow, Map<String, Long> ledgerViolations,
                       List<String> notes) {

    public boolean exactlyOnce() {
        return lost == 0 && duplicated == 0 && ledgerViolations.isEmpty();
    }

    public static String header() {
        return String.format("| %-48s | %12s | %9s | %4s | %10s | %10s | %10s |%n|%s|%s|%s|%s|%s|%s|%s|%n",
                "fault", "acknowledged", "delivered", "lost", "duplicated", "unanswered", "recovery s",
                "-".repeat(50), "-".repeat(14), "-".repeat(11), "-".repeat(6), "-".repeat(12), "-".repeat(12), "-".repeat(12));
    }

    public String line() {
        return String.format("| %-48s | %12d | %9d | %4d | %10d | %10d | %10s |%n", fault, acknowledged, delivered, lost,
                duplicated, unanswered, recoverySeconds < 0 ? "> limit" : String.format("%.1f", recoverySeconds));
    }

    /** The per-flow detail under the table: sent / acknowledged / delivered / lost / duplicated. */
    public String detail() {
        StringBuilder b = new StringBuilder(fault).append(":");
        perFlow.forEach((flow, n) -> b.append(String.format("%n    %-40s sent %5d  ack %5d  delivered %5d  lost %3d  dup %3d",
                flow.label(), n[0], n[1], n[2], n[3], n[4])));
        ledgerViolations.forEach((what, rows) -> b.append(String.format("%n    billing: %s (%d)", what, rows)));
        notes.forEach(n -> b.append("\n    ").append(n));
        return b.append('\n').toString();
    }
}
