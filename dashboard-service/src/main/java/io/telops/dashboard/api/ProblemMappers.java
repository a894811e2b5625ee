package io.telops.dashboard.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.telops.events.Problem;

/**
 * The JSON API's refused query parameters as problem bodies titled "Bad request", as this API has always answered;
 * every other client error gets {@code platform/events}' shared answers.
 */
public class ProblemMappers {

    /** A query parameter the API cannot use. */
    public static class BadRequest extends RuntimeException {
        public BadRequest(String detail) {
            super(detail);
        }
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return Problem.response(400, "Bad request", e.getMessage());
    }
}
