package io.telops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;

/** POSIX signals the JDK cannot send (SIGSTOP, SIGCONT), through the system's kill(1). */
public final class Signals {
    private Signals() {
    }

    /** Sends {@code signal} (a name such as KILL, STOP or CONT) to the process {@code pid}. */
    public static void send(String signal, long pid) {
        if (!signal.matches("[A-Z]{2,6}")) {
            throw new IllegalArgumentException("not a signal name: " + signal);
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: "
                        + new String(kill.getInputStream().readAllBytes()).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
