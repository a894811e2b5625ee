package io.telops.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers of the Vert.x routes that read a large body themselves, ahead of the global body limit (a firmware upload,
 * a rate import): JSON results and problem+json refusals that also work while the body is still arriving.
 */
public final class RouteAnswers {
    /** How long a refused client that keeps sending may go on before its connection is closed. */
    static final long DRAIN_TIMEOUT_MS = 10_000;

    private final ObjectMapper json;

    public RouteAnswers(ObjectMapper json) {
        this.json = json;
    }

    /** A JSON body with the given status. */
    public void json(RoutingContext ctx, int status, Object value) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(write(value));
    }

    /**
     * A problem+json refusal. A body not read yet is read and dropped, so a client that sends it anyway (without
     * Expect: 100-continue) reaches the point of reading this answer instead of a reset; the connection is closed at its
     * end, or after {@link #DRAIN_TIMEOUT_MS} for a client that keeps sending. Nothing happens once an answer went out.
     */
    public void refuse(RoutingContext ctx, int status, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        HttpServerRequest request = ctx.request();
        boolean bodyUnread = !request.isEnded();
        var response = ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE);
        if (bodyUnread) {
            response.putHeader("Connection", "close"); // so the client does not reuse what is closed below
        }
        response.end(write(Problem.of(status, detail).at(request.path())));
        if (bodyUnread) {
            long timer = ctx.vertx().setTimer(DRAIN_TIMEOUT_MS, t -> request.connection().close());
            request.handler(dropped -> { });
            request.endHandler(v -> {
                ctx.vertx().cancelTimer(timer);
                request.connection().close();
            });
            request.resume();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
