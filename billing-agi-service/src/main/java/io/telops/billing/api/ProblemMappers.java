package io.telops.billing.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.telops.billing.ledger.LedgerRejection;
import io.telops.events.Problem;

/** Ledger refusals as problem+json 4xx; malformed requests are answered by {@code platform/events}' shared mappers. */
public class ProblemMappers {
    @ServerExceptionMapper
    public Response rejection(LedgerRejection e) {
        return switch (e.kind()) {
            case NOT_FOUND -> Problem.response(Response.Status.NOT_FOUND, e.getMessage());
            case CONFLICT -> Problem.response(Response.Status.CONFLICT, e.getMessage());
            case INVALID -> Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
        };
    }
}
