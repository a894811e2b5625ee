package io.telops.vats.client;

import io.telops.vats.gwt.GwtRpcResponse;

/** The two wire operations the client is built on; the Quarkus bean adds retries and a circuit breaker. */
public interface CabinetGateway {
    CabinetSession login();

    GwtRpcResponse post(CabinetSession session, String servletPath, String body);
}
