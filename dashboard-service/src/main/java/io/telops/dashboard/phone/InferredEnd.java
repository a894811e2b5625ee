package io.telops.dashboard.phone;

/**
 * Why the dashboard ended a call the phone never reported ended. Only {@link #NOT_REPORTED} can be undone: by a
 * state of the call stamped at the very instant of the registration that ended it (the rest of the same poll).
 */
public enum InferredEnd {
    /** The phone's UI started: it restarted, and no call survives that. */
    PHONE_RESTARTED("phone-restarted"),
    /** Its line unregistered (a phone only says so when it shuts down or restarts). */
    LINE_UNREGISTERED("line-unregistered"),
    /** A registration of its line (a restart, or a state poll) later than its last state did not list it. */
    NOT_REPORTED("not-reported"),
    /** No state of it was received for {@code telops.dashboard.phones.max-call-age}. */
    EXPIRED("expired");

    private final String label;

    InferredEnd(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
