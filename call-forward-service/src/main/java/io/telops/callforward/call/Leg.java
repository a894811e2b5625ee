package io.telops.callforward.call;

import java.util.Arrays;
import java.util.Optional;

/** A Dial step of the call flow, by the name it has in callback URLs and events. */
public enum Leg {
    SIP("sip"), MOBILE("mobile"), SIMULTANEOUS("simultaneous");

    private final String wire;

    Leg(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Leg> fromWire(String s) {
        return Arrays.stream(values()).filter(l -> l.wire.equals(s)).findFirst();
    }
}
