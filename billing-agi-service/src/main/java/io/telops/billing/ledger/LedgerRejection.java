package io.telops.billing.ledger;

/** A request the ledger will not carry out; {@link #kind()} tells the API which 4xx it is. */
public class LedgerRejection extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT, INVALID }

    private final Kind kind;

    public LedgerRejection(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static LedgerRejection notFound(String message) {
        return new LedgerRejection(Kind.NOT_FOUND, message);
    }

    public static LedgerRejection conflict(String message) {
        return new LedgerRejection(Kind.CONFLICT, message);
    }

    public static LedgerRejection invalid(String message) {
        return new LedgerRejection(Kind.INVALID, message);
    }
}
