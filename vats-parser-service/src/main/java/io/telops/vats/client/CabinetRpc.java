package io.telops.vats.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.telops.vats.gwt.GwtRpcResponse;
import io.telops.vats.tls.CabinetTls;

/**
 * The wire operations with retries (exponential backoff with jitter, only for transport failures,
 * timeouts and HTTP 5xx) and a circuit breaker that stops hammering a cabinet that keeps failing.
 * Login failures, {@code //EX} answers and layout changes are never retried here, nor is any call that is
 * not idempotent ({@link #postOnce}).
 * Tunable per MicroProfile Fault Tolerance config, e.g.
 * {@code io.telops.vats.client.CabinetRpc/post/Retry/maxRetries}.
 */
@ApplicationScoped
public class CabinetRpc {
    private final CabinetTransport transport;

    CabinetRpc(VatsConfig config, CabinetTls tls) {
        this.transport = new CabinetTransport(config.settings(), tls);
    }

    @Retry(maxRetries = 3, delay = 500, jitter = 200, maxDuration = 120_000, retryOn = CabinetException.Unavailable.class)
    @ExponentialBackoff(factor = 2, maxDelay = 10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 30_000, successThreshold = 1,
            failOn = CabinetException.Unavailable.class)
    public CabinetSession login() {
        return transport.login();
    }

    @Retry(maxRetries = 3, delay = 500, jitter = 200, maxDuration = 120_000, retryOn = CabinetException.Unavailable.class)
    @ExponentialBackoff(factor = 2, maxDelay = 10_000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 30_000, successThreshold = 1,
            failOn = CabinetException.Unavailable.class)
    public GwtRpcResponse post(CabinetSession session, String servletPath, String body) {
        return transport.post(session, servletPath, body);
    }

    /** Not idempotent, so no retry: the cabinet may have carried out a call whose answer was lost. */
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 30_000, successThreshold = 1,
            failOn = CabinetException.Unavailable.class)
    public GwtRpcResponse postOnce(CabinetSession session, String servletPath, String body) {
        return transport.post(session, servletPath, body);
    }
}
