package io.telops.ingest.polycom;

/** The body is larger than the configured limit; reading stopped at the limit. */
public class PushTooLargeException extends MalformedPushException {
    public PushTooLargeException(long limit) {
        super("body exceeds " + limit + " bytes");
    }
}
