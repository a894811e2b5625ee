package io.telops.events;

import java.time.DateTimeException;
import java.util.UUID;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.vertx.core.http.HttpServerRequest;

/**
 * The problem+json answers every service shares: unreadable JSON and illegal arguments are 400, other web
 * exceptions keep their status, anything unexpected is a 500 that names a log entry instead of the failure.
 * Registered below the default priority, so a service's own mapper of the same exception type wins.
 */
public class HttpProblemMappers {
    /** Below {@link Priorities#USER}, the priority of a service's own {@code @ServerExceptionMapper}. */
    public static final int PRIORITY = Priorities.USER + 1000;

    private static final Logger LOG = Logger.getLogger(HttpProblemMappers.class);

    @ServerExceptionMapper(priority = PRIORITY)
    public Response badJson(JsonProcessingException e, HttpServerRequest request) {
        return badJson(e).at(request.path()).response();
    }

    /** Jackson failures arrive wrapped by the body reader; other web exceptions keep their status and get a body. */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response web(WebApplicationException e, HttpServerRequest request) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return badJson(json, request);
        }
        Response response = e.getResponse();
        if (response.getStatus() < 400) {
            return response;
        }
        return Problem.of(response.getStatus(), response.getStatusInfo().getReasonPhrase(), e.getMessage())
                .at(request.path()).response();
    }

    @ServerExceptionMapper(priority = PRIORITY)
    public Response badArgument(IllegalArgumentException e, HttpServerRequest request) {
        return Problem.of(400, e.getMessage()).at(request.path()).response();
    }

    /** The failure goes to the log under an id; the client gets the id, never the message or a stack trace. */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response unexpected(Exception e, HttpServerRequest request) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected failure %s answering %s %s", id, request.method(), request.path());
        return Problem.of(500, "Unexpected failure; the server log has it under " + id + ".").at(request.path()).response();
    }

    /**
     * A record constructor's own check (an {@code IllegalArgumentException} or a bad date inside the JSON) explains
     * itself better than Jackson's wrapper, so its message is the detail.
     */
    static Problem badJson(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root instanceof IllegalArgumentException || root instanceof DateTimeException
                ? root.getMessage() : e.getOriginalMessage();
        return Problem.of(400, "invalid JSON: " + detail);
    }
}
