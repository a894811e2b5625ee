package io.telops.vats.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.telops.vats.gwt.GwtRpcResponse;

/** Wires the plain client to the fault-tolerant wire bean and to health and metrics. */
@ApplicationScoped
public class CabinetClientProducer {
    @Produces
    @ApplicationScoped
    VatsCabinetClient client(VatsConfig config, CabinetRpc rpc, CabinetHealth health) {
        CabinetGateway gateway = new CabinetGateway() {
            @Override
            public CabinetSession login() {
                try {
                    return rpc.login();
                } catch (CircuitBreakerOpenException e) {
                    throw new CabinetException.Unavailable("circuit breaker open: the cabinet kept failing", e);
                }
            }

            @Override
            public GwtRpcResponse post(CabinetSession session, String servletPath, String body) {
                try {
                    return rpc.post(session, servletPath, body);
                } catch (CircuitBreakerOpenException e) {
                    throw new CabinetException.Unavailable("circuit breaker open: the cabinet kept failing", e);
                }
            }

            @Override
            public GwtRpcResponse postOnce(CabinetSession session, String servletPath, String body) {
                try {
                    return rpc.postOnce(session, servletPath, body);
                } catch (CircuitBreakerOpenException e) {
                    throw new CabinetException.Unavailable("circuit breaker open: the cabinet kept failing", e);
                }
            }
        };
        return new VatsCabinetClient(config.settings(), gateway, health);
    }
}
