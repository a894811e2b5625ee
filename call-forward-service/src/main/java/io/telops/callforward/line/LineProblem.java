package io.telops.callforward.line;

/** Why a line operation could not be done, as the admin API reports it (the HTTP status each kind answers with). */
public class LineProblem extends RuntimeException {
    public enum Kind {
        NOT_FOUND(404), CONFLICT(409), PRECONDITION_FAILED(412), PRECONDITION_REQUIRED(428), RENTAL_FAILED(502),
        UPSTREAM(502), NOT_CONFIGURED(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public LineProblem(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
