package io.telops.deploy.monitoring;

/** A PromQL expression that does not parse: the message names the position and shows the expression. */
public final class PromQlException extends RuntimeException {
    private final int position;

    public PromQlException(String expression, int position, String message) {
        super(message + " at position " + position + " of: " + expression.replaceAll("\\s+", " ").strip());
        this.position = position;
    }

    public int position() {
        return position;
    }
}
