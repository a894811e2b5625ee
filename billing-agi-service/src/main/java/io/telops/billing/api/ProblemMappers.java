package io.telops.billing.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.telops.billing.ledger.LedgerRejection;
import io.telops.events.Problem;

/** Ledger refusals as problem+json 4xx; malformed requests are answered by {@code platform/events}' shared mappers. */
public class ProblemMappers {
    @ServerExceptionMapper
    public Response rejection(LedgerRejection e) {
        return Problem.response(status(e), e.getMessage());
    }

    /** The 4xx of a refusal, for the REST resources and the rate import route alike. */
    static int status(LedgerRejection e) {
        return switch (e.kind()) {
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case INVALID -> 400;
        };
    }
}
