package io.telops.callforward.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.telops.callforward.line.LineProblem;
import io.telops.callforward.signature.CallbackVerifier;

/**
 * Maps domain failures to problem responses: bad input 400, bad signature 403, unknown 404, stale version 409/412,
 * missing version 428, Plivo trouble 502/503.
 */
public class ProblemMappers {
    @ServerExceptionMapper
    public Response badInput(IllegalArgumentException e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root instanceof IllegalArgumentException || root instanceof java.time.DateTimeException
                ? root.getMessage() : e.getOriginalMessage();
        return Problem.response(Response.Status.BAD_REQUEST, "invalid JSON: " + detail);
    }

    /** Jackson failures arrive wrapped by the body reader; other web exceptions keep their status but get a problem body. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json);
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = e.getResponse().getStatusInfo();
        return Problem.response(status, type.getReasonPhrase(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response badSignature(CallbackVerifier.BadSignature e) {
        return Problem.response(Response.Status.FORBIDDEN, e.getMessage());
    }

    @ServerExceptionMapper
    public Response lineProblem(LineProblem e) {
        return switch (e.kind()) {
            case NOT_FOUND -> Problem.response(Response.Status.NOT_FOUND, e.getMessage());
            case CONFLICT -> Problem.response(Response.Status.CONFLICT, e.getMessage());
            case PRECONDITION_FAILED -> Problem.response(Response.Status.PRECONDITION_FAILED, e.getMessage());
            case PRECONDITION_REQUIRED -> Problem.response(Response.Status.PRECONDITION_REQUIRED, e.getMessage());
            case RENTAL_FAILED, UPSTREAM -> Problem.response(Response.Status.BAD_GATEWAY, e.getMessage());
            case NOT_CONFIGURED -> Problem.response(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
        };
    }
}
