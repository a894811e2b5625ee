package io.telops.billing.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.telops.billing.ledger.LedgerRejection;

/** Turns domain refusals and malformed requests into problem+json 4xx responses. */
public class ProblemMappers {
    @ServerExceptionMapper
    public Response rejection(LedgerRejection e) {
        return switch (e.kind()) {
            case NOT_FOUND -> Problem.response(Response.Status.NOT_FOUND, e.getMessage());
            case CONFLICT -> Problem.response(Response.Status.CONFLICT, e.getMessage());
            case INVALID -> Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
        };
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "malformed JSON: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response badRequest(IllegalArgumentException e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response r = e.getResponse();
        if (r.getStatus() >= 500) {
            return r;
        }
        String title = r.getStatusInfo().getReasonPhrase();
        return Problem.response(r.getStatus(), title, e.getMessage() == null ? title : e.getMessage());
    }
}
