package io.telops.callforward.plivo;

/**
 * A Plivo REST answer other than success, or no answer (status 0). {@link #retryable()} for 429, 5xx and
 * transport failures; {@code retryAfterSeconds} from a Retry-After header when Plivo sent one.
 */
public class PlivoApiException extends RuntimeException {
    private final int status;
    private final String apiId;
    private final long retryAfterSeconds;

    public PlivoApiException(int status, String apiId, String error) {
        this(status, apiId, error, -1, null);
    }

    public PlivoApiException(int status, String apiId, String error, long retryAfterSeconds, Throwable cause) {
        super((status == 0 ? "no answer from Plivo" : "HTTP " + status) + ": " + error, cause);
        this.status = status;
        this.apiId = apiId;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String apiId() {
        return apiId;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public boolean retryable() {
        return status == 0 || status == 429 || status >= 500;
    }
}
