package io.telops.callforward.call;

import java.util.Arrays;
import java.util.Optional;

/** Plivo's DialStatus on the Dial action URL. */
public enum DialStatus {
    COMPLETED("completed"), BUSY("busy"), FAILED("failed"), TIMEOUT("timeout"), NO_ANSWER("no-answer");

    private final String wire;

    DialStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<DialStatus> fromWire(String s) {
        return Arrays.stream(values()).filter(d -> d.wire.equals(s)).findFirst();
    }
}
