package io.telops.dashboard.phone;

import io.telops.dashboard.domain.Labelled;

/**
 * What a card says about a phone. The first five come from its events, strongest first (a call beats a
 * lifted handset beats line registration); {@link #OFFLINE} replaces any of them once the phone has been
 * silent longer than the configured window. {@link #UNKNOWN}: no registration event seen yet.
 */
public enum PhoneState implements Labelled {
    IN_CALL, OFF_HOOK, REGISTERED, UNREGISTERED, UNKNOWN, OFFLINE;

    public static PhoneState fromLabel(String label) {
        return Labelled.byLabel(PhoneState.class, label).orElseThrow(() -> new IllegalArgumentException(
                "unknown status '" + label + "'; one of in-call, off-hook, registered, unregistered, unknown, offline"));
    }

    /** The reported state of a phone from its flags; never {@link #OFFLINE}, which depends on the clock. */
    public static PhoneState of(boolean inCall, boolean offHook, Registration registration) {
        if (inCall) {
            return IN_CALL;
        }
        if (offHook) {
            return OFF_HOOK;
        }
        return switch (registration) {
            case REGISTERED -> REGISTERED;
            case UNREGISTERED -> UNREGISTERED;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /** Whether the phone has registered lines, as far as its line events tell. */
    public enum Registration {
        UNKNOWN, REGISTERED, UNREGISTERED
    }
}
