package io.telops.vats.client;

import io.telops.vats.gwt.GwtRpcResponse;

/** The wire operations the client is built on; the Quarkus bean adds retries and a circuit breaker. */
public interface CabinetGateway {
    CabinetSession login();

    /** A read or a call that may safely be sent twice: retried on transport failures, timeouts and 5xx. */
    GwtRpcResponse post(CabinetSession session, String servletPath, String body);

    /**
     * A call that is not idempotent (device creation): sent once, never retried here, because a timeout or
     * a 5xx may come after the cabinet carried it out. The caller decides, after looking, whether to send again.
     */
    default GwtRpcResponse postOnce(CabinetSession session, String servletPath, String body) {
        return post(session, servletPath, body);
    }
}
