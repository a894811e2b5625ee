package io.telops.testkit;

/** The sleep between two polls of a wait: an interrupt ends the wait as an unchecked failure, the flag kept set. */
public final class Pause {
    private Pause() {
    }

    public static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
