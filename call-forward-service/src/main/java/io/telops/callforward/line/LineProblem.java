package io.telops.callforward.line;

/** Why a line operation could not be done, as the admin API reports it. */
public class LineProblem extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PRECONDITION_REQUIRED, RENTAL_FAILED, UPSTREAM, NOT_CONFIGURED }

    private final Kind kind;

    public LineProblem(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
