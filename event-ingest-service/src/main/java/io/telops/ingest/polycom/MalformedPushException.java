package io.telops.ingest.polycom;

/** The body is not a well-formed, acceptable phone event document (syntax, DTD, limits). */
public class MalformedPushException extends Exception {
    public MalformedPushException(String message) {
        super(message);
    }

    public MalformedPushException(String message, Throwable cause) {
        super(message, cause);
    }
}
