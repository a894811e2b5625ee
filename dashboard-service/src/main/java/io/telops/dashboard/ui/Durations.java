package io.telops.dashboard.ui;

/** Durations as the pages show them: a clock reading, {@code 0:42}, {@code 1:05}, {@code 1:02:05}. */
public final class Durations {
    private Durations() {
    }

    /** Hours only when there are any; negative counts as zero. */
    public static String clock(long seconds) {
        long s = Math.max(0, seconds);
        String minutesSeconds = String.format("%02d:%02d", s / 60 % 60, s % 60);
        return s < 3600 ? (s / 60) + minutesSeconds.substring(2) : s / 3600 + ":" + minutesSeconds;
    }
}
