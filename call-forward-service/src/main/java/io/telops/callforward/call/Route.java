package io.telops.callforward.call;

/** What the answer URL decided for a call. */
public enum Route {
    FORWARD("forward"), VOICEMAIL_NUMBER("voicemail-number"), VOICEMAIL_AFTER_HOURS("voicemail-after-hours"),
    VOICEMAIL_ONLY("voicemail-only"), REJECTED_BLOCKED("rejected-blocked"), REJECTED_NOT_ALLOWED("rejected-not-allowed"),
    UNKNOWN_NUMBER("unknown-number");

    private final String wire;

    Route(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public boolean rejected() {
        return this == REJECTED_BLOCKED || this == REJECTED_NOT_ALLOWED || this == UNKNOWN_NUMBER;
    }
}
