package io.telops.billing.agi;

/** The peer broke the AGI protocol; {@link #reason()} is a short, metric-friendly label. */
public class AgiProtocolException extends RuntimeException {
    private final String reason;

    public AgiProtocolException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
