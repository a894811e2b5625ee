package io.telops.dashboard.overview;

/** One number on the overview, its label, and the page (filtered) that lists what it counts. */
public record Figure(String key, String label, long count, String link) {
}
