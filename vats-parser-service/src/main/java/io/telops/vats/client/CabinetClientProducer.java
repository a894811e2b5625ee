package io.telops.vats.client;

import java.util.function.Supplier;

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
                return throughBreaker(() -> rpc.login());
            }

            @Override
            public GwtRpcResponse post(CabinetSession session, String servletPath, String body) {
                return throughBreaker(() -> rpc.post(session, servletPath, body));
            }

            @Override
            public GwtRpcResponse postOnce(CabinetSession session, String servletPath, String body) {
                return throughBreaker(() -> rpc.postOnce(session, servletPath, body));
            }
        };
        return new VatsCabinetClient(config.settings(), gateway, health);
    }

    /** An open breaker means the cabinet kept failing: reported as {@link CabinetException.Unavailable}, like an outage. */
    private static <T> T throughBreaker(Supplier<T> call) {
        try {
            return call.get();
        } catch (CircuitBreakerOpenException e) {
            throw new CabinetException.Unavailable("circuit breaker open: the cabinet kept failing", e);
        }
    }
}
