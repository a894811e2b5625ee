package io.telops.vats.client;

import java.time.Duration;

/** What the client reports for metrics and health. */
public interface CabinetObserver {
    CabinetObserver NONE = new CabinetObserver() {
    };

    default void loggedIn(CabinetSession session, boolean permutationChanged, String previousPermutation) {
    }

    default void call(String servletPath, String outcome, Duration duration) {
    }

    default void failed(CabinetException failure) {
    }
}
