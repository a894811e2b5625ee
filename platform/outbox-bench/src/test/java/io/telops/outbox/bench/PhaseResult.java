package io.telops.outbox.bench;

import java.util.Arrays;

/** What one phase of one pipeline measured; CPU is net of the idle baseline of the same run. */
record PhaseResult(String pipeline, String phase, int events, double writtenPerSecond, double deliveredPerSecond,
                   double p50Millis, double p99Millis, double maxMillis, double jvmMicrosPerEvent, double postgresMicrosPerEvent,
                   double kafkaMicrosPerEvent, double walBytesPerEvent, int duplicates, String note) {

    /** Commit-to-receipt latencies of a fully received workload, in milliseconds, sorted. */
    static double[] latencies(Workload w) {
        double[] ms = new double[w.size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = Math.max(0, w.receivedAt[i] - w.committedAt[i]) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    double cpuMicrosPerEvent() {
        return jvmMicrosPerEvent + postgresMicrosPerEvent;
    }
}
