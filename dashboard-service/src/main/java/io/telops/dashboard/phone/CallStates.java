package io.telops.dashboard.phone;

import java.util.Locale;
import java.util.Set;

/**
 * The Poly call states that matter for durations and status (CallStateChangeEvent callState values,
 * compared without regard to case): a call is talking once Connected and over at Disconnected or Free.
 */
public final class CallStates {
    private static final Set<String> TERMINAL = Set.of("disconnected", "free");
    private static final Set<String> TALKING = Set.of("connected");

    private CallStates() {
    }

    public static boolean isTerminal(String state) {
        return TERMINAL.contains(state.strip().toLowerCase(Locale.ROOT));
    }

    public static boolean isConnected(String state) {
        return TALKING.contains(state.strip().toLowerCase(Locale.ROOT));
    }
}
