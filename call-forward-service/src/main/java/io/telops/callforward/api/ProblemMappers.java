package io.telops.callforward.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.telops.callforward.line.LineProblem;
import io.telops.callforward.signature.CallbackVerifier;
import io.telops.events.Problem;

/**
 * This service's failures as problem responses: bad signature 403, line problems by kind (404, 409/412 stale
 * version, 428 missing version, 502/503 Plivo trouble). Bad input is answered by {@code platform/events}' mappers.
 */
public class ProblemMappers {
    @ServerExceptionMapper
    public Response badSignature(CallbackVerifier.BadSignature e) {
        return Problem.response(Response.Status.FORBIDDEN, e.getMessage());
    }

    @ServerExceptionMapper
    public Response lineProblem(LineProblem e) {
        return Problem.response(e.kind().status(), e.getMessage());
    }
}
