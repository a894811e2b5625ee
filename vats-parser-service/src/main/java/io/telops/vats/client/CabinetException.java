package io.telops.vats.client;

/**
 * Why a cabinet operation failed. Each kind is reported as such (metric tag, health detail, problem
 * type); none of them ever turns into an empty trunk list.
 */
public abstract sealed class CabinetException extends RuntimeException
        permits CabinetException.LoginFailed, CabinetException.SessionExpired, CabinetException.Unavailable,
        CabinetException.RemoteFailure, CabinetException.UnexpectedLayout, CabinetException.NotConfigured {

    protected CabinetException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Short machine name: metric tag and problem type suffix. */
    public abstract String kind();

    /** The cabinet refused the credentials, or the landing page is not the cabinet. */
    public static final class LoginFailed extends CabinetException {
        public LoginFailed(String message) {
            super(message, null);
        }

        @Override
        public String kind() {
            return "login_failed";
        }
    }

    /** The session cookie is no longer valid; the client logs in again. */
    public static final class SessionExpired extends CabinetException {
        public SessionExpired(String message) {
            super(message, null);
        }

        @Override
        public String kind() {
            return "session_expired";
        }
    }

    /** Transport failure, timeout or HTTP 5xx: worth retrying with backoff. */
    public static final class Unavailable extends CabinetException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String kind() {
            return "unavailable";
        }
    }

    /** The cabinet answered {@code //EX}: the call was rejected by the server. */
    public static final class RemoteFailure extends CabinetException {
        private final String exceptionType;

        public RemoteFailure(String exceptionType, String message) {
            super("cabinet answered //EX " + exceptionType + ": " + message, null);
            this.exceptionType = exceptionType;
        }

        public String exceptionType() {
            return exceptionType;
        }

        /** Stale policy or type signatures: GWT's answer when a client is older than the server. */
        public boolean isIncompatibleService() {
            return exceptionType.endsWith("IncompatibleRemoteServiceException");
        }

        @Override
        public String kind() {
            return "remote_exception";
        }
    }

    /** The answer does not follow the declared layout or bootstrap format: MTS changed something. */
    public static final class UnexpectedLayout extends CabinetException {
        public UnexpectedLayout(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String kind() {
            return "unexpected_layout";
        }
    }

    /** No credentials configured. */
    public static final class NotConfigured extends CabinetException {
        public NotConfigured(String message) {
            super(message, null);
        }

        @Override
        public String kind() {
            return "not_configured";
        }
    }
}
