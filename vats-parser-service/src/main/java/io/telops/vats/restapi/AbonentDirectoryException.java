package io.telops.vats.restapi;

/** Why the REST API's abonent list could not be read. The message never contains the token. */
public abstract sealed class AbonentDirectoryException extends RuntimeException
        permits AbonentDirectoryException.Unauthorized, AbonentDirectoryException.Unavailable,
        AbonentDirectoryException.UnexpectedAnswer {

    protected AbonentDirectoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Metric tag and report state. */
    public abstract String kind();

    /** HTTP 401 or 403: the X-AUTH-TOKEN is wrong, expired or revoked. */
    public static final class Unauthorized extends AbonentDirectoryException {
        public Unauthorized(String message) {
            super(message, null);
        }

        @Override
        public String kind() {
            return "unauthorized";
        }
    }

    /** Transport failure, timeout or HTTP 5xx. */
    public static final class Unavailable extends AbonentDirectoryException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String kind() {
            return "unavailable";
        }
    }

    /** Any other status, or a body that is not the documented JSON array. */
    public static final class UnexpectedAnswer extends AbonentDirectoryException {
        public UnexpectedAnswer(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String kind() {
            return "unexpected_answer";
        }
    }
}
