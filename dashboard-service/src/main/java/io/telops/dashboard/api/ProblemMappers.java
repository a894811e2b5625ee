package io.telops.dashboard.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every client error of the JSON API answers with a problem body instead of an empty page. */
public class ProblemMappers {

    /** A query parameter the API cannot use. */
    public static class BadRequest extends RuntimeException {
        public BadRequest(String detail) {
            super(detail);
        }
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return problem(Problem.of(400, "Bad request", e.getMessage()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status < 400 || status >= 500) {
            return e.getResponse();
        }
        return problem(Problem.of(status, e.getResponse().getStatusInfo().getReasonPhrase(), e.getMessage()));
    }

    static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
